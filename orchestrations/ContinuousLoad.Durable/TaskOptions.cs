namespace ContinuousLoad.Durable;

/// <summary>Options for one scheduled task: how to retry it.</summary>
public record TaskOptions(TaskRetryOptions? Retry = null)
{
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));
}

/// <summary>The retry part of <see cref="TaskOptions"/>.</summary>
public sealed record TaskRetryOptions(RetryPolicy Policy);
