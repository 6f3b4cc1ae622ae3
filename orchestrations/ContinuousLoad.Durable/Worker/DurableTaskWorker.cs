using ContinuousLoad.Durable.History;
using ContinuousLoad.Durable.Replay;
using ContinuousLoad.Durable.Stores;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContinuousLoad.Durable.Worker;

/// <summary>
/// Runs orchestration turns and activities from a store: two dispatchers, leases renewed while work
/// runs, poison messages failed after <see cref="DurableTaskWorkerOptions.MaxDequeueCount"/> tries, and a
/// graceful shutdown that finishes running work or releases it.
/// </summary>
public sealed class DurableTaskWorker : BackgroundService
{
    private readonly IDurableStore _store;
    private readonly DurableTaskRegistry _registry;
    private readonly IServiceProvider _services;
    private readonly DurableTaskWorkerOptions _options;
    private readonly DataConverter _converter;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly OrchestrationExecutor _executor;

    public DurableTaskWorker(IDurableStore store, DurableTaskRegistry registry, IServiceProvider services, DurableTaskWorkerOptions options,
        ILoggerFactory loggers, DataConverter? converter = null, TimeProvider? clock = null)
    {
        _store = store;
        _registry = registry;
        _services = services;
        _options = options;
        _converter = converter ?? DataConverter.Default;
        _clock = clock ?? TimeProvider.System;
        _logger = loggers.CreateLogger<DurableTaskWorker>();
        _executor = new OrchestrationExecutor(name => registry.CreateOrchestrator(name, services), _converter, loggers);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        WorkerLog.Started(_logger, _options.WorkerId, _store.Kind);
        using var abort = new CancellationTokenSource();
        await using var registration = stoppingToken.Register(() => abort.CancelAfter(_options.ShutdownTimeout));
        var orchestrations = new WorkDispatcher<OrchestrationWorkItem>(_options.MaxConcurrentOrchestrations,
            token => _store.LockNextOrchestrationAsync(_options.WorkerId, _options.LeaseDuration, _options.MaxMessagesPerTurn, token),
            RunTurnAsync, _store.OrchestrationWorkSignal, _store.NextOrchestrationDueAsync, _options, _clock, e => WorkerLog.StoreFailed(_logger, e));
        var activities = new WorkDispatcher<ActivityWorkItem>(_options.MaxConcurrentActivities,
            token => _store.LockNextActivityAsync(_options.WorkerId, _options.LeaseDuration, token),
            RunActivityAsync, _store.ActivityWorkSignal, _store.NextActivityDueAsync, _options, _clock, e => WorkerLog.StoreFailed(_logger, e));
        await Task.WhenAll(orchestrations.RunAsync(stoppingToken, abort.Token), activities.RunAsync(stoppingToken, abort.Token));
        WorkerLog.Stopped(_logger, _options.WorkerId);
    }

    /// <returns>When the earliest timer the turn set fires (or its messages are visible again after a failure).</returns>
    private async Task<DateTime?> RunTurnAsync(OrchestrationWorkItem item, CancellationToken abort)
    {
        await using var heartbeat = new LeaseHeartbeat(_options.LeaseDuration,
            token => _store.RenewOrchestrationLeaseAsync(item, _options.LeaseDuration, token), _clock);
        try
        {
            // Messages for an execution that is gone (a replaced one's timers and results) are stale.
            var live = item.Messages.Where(m => m.ExecutionId is null || m.ExecutionId == item.ExecutionId).ToList();
            if (live.Count == 0 || StoredState.IsTerminal(item.Status))
            {
                await _store.DiscardMessagesAsync(item, CancellationToken.None);
                return null;
            }

            var poisoned = live.FirstOrDefault(m => m.DequeueCount > _options.MaxDequeueCount);
            var result = poisoned is not null
                ? OrchestrationExecutor.Fail(item.ExecutionId, item.Now, new TaskFailureDetails("PoisonMessage",
                    $"A {poisoned.Event.Kind} message for instance '{item.InstanceId}' was taken {poisoned.DequeueCount} times without its turn being saved."))
                : _executor.Execute(item.InstanceId, item.ExecutionId, item.History, [.. live.Select(m => m.Event)], item.Now,
                    () => Guid.NewGuid().ToString("N"));
            if (poisoned is not null)
            {
                WorkerLog.Poisoned(_logger, item.InstanceId, result.Failure!.ErrorMessage);
            }

            await _store.CompleteOrchestrationAsync(item, result, CancellationToken.None);
            WorkerLog.Turn(_logger, item.InstanceId, result.Status, live.Count, result.Actions.Count);
            return result.IsTerminal ? null : result.Actions.OfType<CreateTimerAction>().Min(t => (DateTime?)t.FireAt);
        }
        catch (LockLostException e)
        {
            WorkerLog.LeaseLost(_logger, item.InstanceId, e.Message);
        }
        catch (Exception e)
        {
            WorkerLog.TurnFailed(_logger, e, item.InstanceId);
            await ReleaseAsync(() => _store.AbandonOrchestrationAsync(item, CancellationToken.None));
            return _clock.GetUtcNow().UtcDateTime + StoredState.AbandonedTurnRetry;
        }

        return null;
    }

    private async Task<DateTime?> RunActivityAsync(ActivityWorkItem item, CancellationToken abort)
    {
        await using var heartbeat = new LeaseHeartbeat(_options.LeaseDuration,
            token => _store.RenewActivityLeaseAsync(item, _options.LeaseDuration, token), _clock);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(abort, heartbeat.Lost);
        HistoryEvent outcome;
        try
        {
            outcome = await RunActivityCoreAsync(item, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            if (heartbeat.Lost.IsCancellationRequested)
            {
                WorkerLog.ActivityLeaseLost(_logger, item.Name, item.TaskId, item.InstanceId);
                return null;
            }

            // Shutting down: let another worker (or this one, restarted) run it.
            await ReleaseAsync(() => _store.AbandonActivityAsync(item, CancellationToken.None));
            return null;
        }

        try
        {
            await _store.CompleteActivityAsync(item, outcome, CancellationToken.None);
        }
        catch (Exception e)
        {
            WorkerLog.ActivityNotSaved(_logger, e, item.Name, item.TaskId, item.InstanceId);
            await ReleaseAsync(() => _store.AbandonActivityAsync(item, CancellationToken.None));
        }

        return null;
    }

    private async Task<HistoryEvent> RunActivityCoreAsync(ActivityWorkItem item, CancellationToken cancellation)
    {
        if (item.DequeueCount > _options.MaxDequeueCount)
        {
            return Failed(item, new TaskFailureDetails("PoisonMessage",
                $"Activity '{item.Name}' was taken {item.DequeueCount} times without finishing (the worker running it stopped or lost its lease each time)."));
        }

        var activity = _registry.CreateActivity(item.Name, _services);
        if (activity is null)
        {
            return Failed(item, new TaskFailureDetails("ActivityNotFound", $"No activity named '{item.Name}' is registered with this worker."));
        }

        try
        {
            var input = _converter.Deserialize(item.Input, activity.InputType);
            var output = await activity.RunAsync(new TaskActivityContext(item.Name, item.InstanceId, cancellation), input);
            return new TaskCompletedEvent(item.TaskId, _converter.Serialize(output));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            return Failed(item, TaskFailureDetails.FromException(e));
        }
    }

    private TaskFailedEvent Failed(ActivityWorkItem item, TaskFailureDetails failure)
    {
        WorkerLog.ActivityFailed(_logger, item.Name, item.TaskId, item.InstanceId, failure.ToString());
        return new TaskFailedEvent(item.TaskId, failure);
    }

    /// <summary>Gives a lease back; when the store cannot be reached the lease simply expires.</summary>
    private async Task ReleaseAsync(Func<Task> release)
    {
        try
        {
            await release();
        }
        catch (Exception e)
        {
            WorkerLog.StoreFailed(_logger, e);
        }
    }
}
