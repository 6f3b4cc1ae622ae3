namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>A job's states as <c>jobs().Status</c> shows them (spec B.10); STOPPED only while a dropped job winds down.</summary>
public static class JobStatus
{
    public const string Pending = "PENDING";
    public const string Running = "RUNNING";
    public const string Paused = "PAUSED";
    public const string Stopped = "STOPPED";
}
