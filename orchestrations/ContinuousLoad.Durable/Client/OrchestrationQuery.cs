namespace ContinuousLoad.Durable.Client;

/// <summary>Which instances <see cref="DurableTaskClient.GetAllInstancesAsync"/> returns.</summary>
public sealed record OrchestrationQuery
{
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    public string? InstanceIdPrefix { get; init; }

    public bool FetchInputsAndOutputs { get; init; }

    /// <summary>At most this many instances, in instance id order.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Continue after this instance id (the last of the previous page).</summary>
    public string? ContinuationToken { get; init; }
}
