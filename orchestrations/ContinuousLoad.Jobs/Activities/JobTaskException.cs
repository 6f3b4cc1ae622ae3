namespace ContinuousLoad.Jobs.Activities;

/// <summary>A task's load failed for a reason worth retrying (the table store, a timeout, a body cut short); the message is the load's.</summary>
public sealed class JobTaskException(string message) : Exception(message);
