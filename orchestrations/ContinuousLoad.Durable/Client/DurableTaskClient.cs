using System.Runtime.CompilerServices;
using ContinuousLoad.Durable.History;
using ContinuousLoad.Durable.Stores;

namespace ContinuousLoad.Durable.Client;

/// <summary>Starts, signals, inspects and removes orchestration instances, with the Durable Task client's names.</summary>
public sealed class DurableTaskClient(IDurableStore store, DataConverter? converter = null, TimeProvider? clock = null)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(1);
    private readonly DataConverter _converter = converter ?? DataConverter.Default;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <returns>The instance id (the one given, or a new GUID).</returns>
    /// <exception cref="InstanceExistsException">An unfinished instance has that id.</exception>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default)
    {
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var startAt = options?.StartAt?.UtcDateTime ?? _clock.GetUtcNow().UtcDateTime;
        await store.CreateInstanceAsync(new NewInstance(instanceId, Guid.NewGuid().ToString("N"), orchestratorName.Name, _converter.Serialize(input), startAt),
            cancellation);
        return instanceId;
    }

    /// <exception cref="InvalidOperationException">There is no such instance.</exception>
    public Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new EventRaisedEvent(eventName, _converter.Serialize(eventPayload)), cancellation);

    public Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(reason), cancellation);

    public Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(reason), cancellation);

    /// <param name="output">Becomes the terminated instance's output.</param>
    public Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionTerminatedEvent(_converter.Serialize(output)), cancellation);

    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        await store.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation) is { } metadata ? metadata with { DataConverter = _converter } : null;

    /// <summary>Every instance matching <paramref name="filter"/>, page by page, in instance id order.</summary>
    public async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null,
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var query = filter ?? new OrchestrationQuery();
        while (true)
        {
            var page = await store.QueryInstancesAsync(query, cancellation);
            foreach (var instance in page)
            {
                yield return instance with { DataConverter = _converter };
            }

            if (page.Count < query.PageSize)
            {
                yield break;
            }

            query = query with { ContinuationToken = page[^1].InstanceId };
        }
    }

    /// <summary>Waits until the instance has started (is no longer pending).</summary>
    public Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <summary>Waits until the instance completed, failed or was terminated.</summary>
    public Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    /// <summary>Deletes a finished instance with its history.</summary>
    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default) =>
        new(await store.PurgeInstanceAsync(instanceId, cancellation) ? 1 : 0);

    private async Task SendAsync(string instanceId, HistoryEvent message, CancellationToken cancellation)
    {
        if (!await store.SendAsync(instanceId, message, cancellation))
        {
            throw new InvalidOperationException($"No orchestration instance with ID '{instanceId}' exists.");
        }
    }

    private async Task<OrchestrationMetadata> WaitAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done,
        CancellationToken cancellation)
    {
        var poll = FirstPoll;
        while (true)
        {
            var changed = store.InstanceChangeSignal();
            var instance = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation)
                ?? throw new InvalidOperationException($"No orchestration instance with ID '{instanceId}' exists.");
            if (done(instance))
            {
                return instance;
            }

            // In-process changes wake us at once; another process's (SQLite) are found by polling.
            await Task.WhenAny(changed, Task.Delay(poll, cancellation));
            cancellation.ThrowIfCancellationRequested();
            poll = poll * 2 > LongestPoll ? LongestPoll : poll * 2;
        }
    }
}
