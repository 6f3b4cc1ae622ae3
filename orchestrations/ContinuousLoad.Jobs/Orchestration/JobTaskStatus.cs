namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>A task's states as <c>tasks().Status</c> shows them.</summary>
public static class JobTaskStatus
{
    public const string Running = "RUNNING";
    public const string Success = "SUCCESS";
    public const string Failed = "FAILED";
    public const string Canceled = "CANCELED";
}
