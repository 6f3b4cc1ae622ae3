using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.Extensions.Logging;

namespace ContinuousLoad.Durable.Sidecar;

/// <summary>
/// A backend as the sidecar's dispatcher sees it, with what that dispatcher leaves out:
/// <list type="bullet">
/// <item>Lease renewal: while a work item is held (an activity loading for minutes, a turn waiting for
/// its worker), its lease is renewed at half its remaining time, so no other worker takes it meanwhile;
/// completing, abandoning or releasing the item ends the renewal.</item>
/// <item>Exact concurrency: the dispatcher checks its limit and, when it is reached, looks again only
/// every 500 ms — a noop activity round trip would then cost half a second. So the dispatcher is told
/// there is no limit, and the limit is a semaphore here instead: taking work waits for a free slot, and
/// finishing work frees one at once.</item>
/// <item>Hand-back at shutdown: what the stopped worker still held is abandoned (<see cref="AbandonHeldAsync"/>).</item>
/// </list>
/// Everything else passes through.
/// </summary>
internal sealed class SidecarBackend(IOrchestrationService service, ILogger logger)
    : IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    private const int NoLimit = 1 << 20;
    private readonly IOrchestrationServiceClient _client = (IOrchestrationServiceClient)service;
    private readonly ConcurrentDictionary<object, CancellationTokenSource> _renewals = new(ReferenceEqualityComparer.Instance);
    private readonly SemaphoreSlim _orchestrationSlots = new(service.MaxConcurrentTaskOrchestrationWorkItems);
    private readonly SemaphoreSlim _activitySlots = new(service.MaxConcurrentTaskActivityWorkItems);

    public int TaskOrchestrationDispatcherCount => service.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => NoLimit;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => service.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => service.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => NoLimit;

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        await _orchestrationSlots.WaitAsync(cancellationToken);
        TaskOrchestrationWorkItem? item = null;
        try
        {
            item = await service.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        }
        finally
        {
            if (item is null)
            {
                _orchestrationSlots.Release();
            }
        }

        if (item is not null)
        {
            Renew(item, () => item.LockedUntilUtc, () => service.RenewTaskOrchestrationWorkItemLockAsync(item), item.InstanceId);
        }

        return item!;
    }

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        await _activitySlots.WaitAsync(cancellationToken);
        TaskActivityWorkItem? item = null;
        try
        {
            item = await service.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
        }
        finally
        {
            if (item is null)
            {
                _activitySlots.Release();
            }
        }

        if (item is not null)
        {
            Renew(item, () => item.LockedUntilUtc, async () => item.LockedUntilUtc = (await service.RenewTaskActivityWorkItemLockAsync(item)).LockedUntilUtc,
                item.TaskMessage.OrchestrationInstance.InstanceId);
        }

        return item!;
    }

    public async Task CompleteTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages, IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        await StopRenewingAsync(workItem);
        await service.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages,
            continuedAsNewMessage, orchestrationState);
    }

    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await StopRenewingAsync(workItem);
        await service.AbandonTaskOrchestrationWorkItemAsync(workItem);
    }

    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await StopRenewingAsync(workItem);
        await service.ReleaseTaskOrchestrationWorkItemAsync(workItem);
    }

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        await StopRenewingAsync(workItem);
        await service.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        await StopRenewingAsync(workItem);
        await service.AbandonTaskActivityWorkItemAsync(workItem);
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => service.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => service.RenewTaskActivityWorkItemLockAsync(workItem);

    /// <summary>Renews until stopped; a failed renewal (the lease is gone) ends it, and the completion will find out.</summary>
    private void Renew(object item, Func<DateTime> lockedUntil, Func<Task> renew, string instanceId)
    {
        var stop = new CancellationTokenSource();
        _renewals[item] = stop;

        // Taken now: a quick completion may dispose the source before the loop below first runs.
        var stopped = stop.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var half = (lockedUntil() - DateTime.UtcNow) / 2;
                    await Task.Delay(half > TimeSpan.FromSeconds(1) ? half : TimeSpan.FromSeconds(1), stopped);
                    await renew();
                }
            }
            catch (OperationCanceledException) when (stopped.IsCancellationRequested)
            {
            }
#pragma warning disable CA1031 // a renewal that fails is logged; the work item's completion reports the lost lease
            catch (Exception e)
#pragma warning restore CA1031
            {
                SidecarLog.RenewalFailed(logger, e, instanceId);
            }
        }, CancellationToken.None);
    }

    /// <summary>Ends the renewal and frees the item's slot, once: a completion is followed by a release.</summary>
    private async Task StopRenewingAsync(object item)
    {
        if (_renewals.TryRemove(item, out var stop))
        {
            await stop.CancelAsync();
            stop.Dispose();
            (item is TaskActivityWorkItem ? _activitySlots : _orchestrationSlots).Release();
        }
    }

    /// <summary>
    /// Gives back every work item still held — the worker that had it is gone (the host is stopping) and
    /// will not answer — so another host, or this one restarted, takes it at once instead of after its lease.
    /// </summary>
    public async Task AbandonHeldAsync()
    {
        foreach (var item in _renewals.Keys.ToList())
        {
            try
            {
                await (item is TaskActivityWorkItem activity ? AbandonTaskActivityWorkItemAsync(activity)
                    : AbandonTaskOrchestrationWorkItemAsync((TaskOrchestrationWorkItem)item));
            }
#pragma warning disable CA1031 // a work item that cannot be given back is taken over when its lease runs out
            catch (Exception e)
#pragma warning restore CA1031
            {
                SidecarLog.AbandonFailed(logger, e);
            }
        }
    }

    /// <summary>Whether the dispatchers started the backend (they do once a worker connects); only then is there anything to stop.</summary>
    public bool Started { get; private set; }

    private int _stopped;

    public async Task StartAsync()
    {
        await service.StartAsync();
        Started = true;
    }

    /// <summary>
    /// What the sidecar's dispatcher host calls when the sidecar stops — from an async void callback, where an
    /// exception ends the process, and before the held work is given back. It does nothing: the host stops
    /// the backend itself (<see cref="StopAsync(bool)"/>) once the held work is back.
    /// </summary>
    public Task StopAsync() => Task.CompletedTask;

    /// <summary>Stops the backend once, and only if it started; a backend that fails to stop is logged, and its leases run out by themselves.</summary>
    public async Task StopAsync(bool isForced)
    {
        if (!Started || Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            await service.StopAsync(isForced);
        }
#pragma warning disable CA1031 // the caller cannot handle it: see above
        catch (Exception e)
#pragma warning restore CA1031
        {
            SidecarLog.StopFailed(logger, e);
        }
    }

    public Task CreateAsync() => service.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => service.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => service.CreateIfNotExistsAsync();

    public Task DeleteAsync() => service.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => service.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        service.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => service.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => service.GetDelayInSecondsAfterOnFetchException(exception);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => _client.CreateTaskOrchestrationAsync(creationMessage);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses) =>
        _client.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => _client.SendTaskOrchestrationMessageAsync(message);

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) => _client.SendTaskOrchestrationMessageBatchAsync(messages);

    public Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken) =>
        _client.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken);

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) => _client.ForceTerminateTaskOrchestrationAsync(instanceId, reason);

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) =>
        _client.GetOrchestrationStateAsync(instanceId, allExecutions);

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) => _client.GetOrchestrationStateAsync(instanceId, executionId);

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) => _client.GetOrchestrationHistoryAsync(instanceId, executionId);

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        _client.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);

    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        ((IOrchestrationServiceQueryClient)service).GetOrchestrationWithQueryAsync(query, cancellationToken);

    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) => ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(instanceId);

    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) =>
        ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(purgeInstanceFilter);
}
