using ContinuousLoad.Durable.Client;
using ContinuousLoad.Durable.History;
using ContinuousLoad.Durable.Replay;

namespace ContinuousLoad.Durable.Stores;

/// <summary>
/// Where instances, histories and messages live. Every completion is one transaction fenced on the
/// lease token: a worker that lost its lease writes nothing. Two implementations behave the same:
/// SQLite (one file, one writer) and PostgreSQL (<c>FOR UPDATE SKIP LOCKED</c>, <c>LISTEN/NOTIFY</c>).
/// </summary>
public interface IDurableStore : IAsyncDisposable
{
    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    string Kind { get; }

    /// <summary>SQL statements this store object has run (its load on the database).</summary>
    long StatementsExecuted { get; }

    /// <summary>Creates or upgrades the schema (versioned scripts, applied under a lock).</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Creates the instance, or restarts a finished one under the same id.</summary>
    /// <exception cref="InstanceExistsException">The instance exists and is not finished.</exception>
    Task CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken);

    /// <summary>Queues an instance-scoped message (event, suspend, resume, terminate).</summary>
    /// <returns>False when there is no such instance.</returns>
    Task<bool> SendAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken);

    Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool includeData, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrchestrationMetadata>> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes a finished instance with its history and messages.</summary>
    /// <returns>False when the instance does not exist or is not finished.</returns>
    Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Leases an instance that has visible messages, with up to <paramref name="maxMessages"/> of them.</summary>
    Task<OrchestrationWorkItem?> LockNextOrchestrationAsync(string owner, TimeSpan lease, int maxMessages, CancellationToken cancellationToken);

    /// <summary>Commits a turn: instance state, history, activities, timers, sent events; removes the batch; releases the lease.</summary>
    /// <exception cref="LockLostException">The lease was lost; nothing was written.</exception>
    Task CompleteOrchestrationAsync(OrchestrationWorkItem workItem, TurnResult result, CancellationToken cancellationToken);

    /// <summary>Removes the batch without a turn (messages for a finished instance or a replaced execution) and releases the lease.</summary>
    Task DiscardMessagesAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken);

    /// <summary>Releases the lease without a turn; the messages stay (their dequeue count remembers the attempt).</summary>
    Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken);

    /// <returns>False when the lease is no longer held.</returns>
    Task<bool> RenewOrchestrationLeaseAsync(OrchestrationWorkItem workItem, TimeSpan lease, CancellationToken cancellationToken);

    Task<ActivityWorkItem?> LockNextActivityAsync(string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the activity (fenced on its lease) and, when its execution is still live, queues the
    /// outcome (<see cref="TaskCompletedEvent"/> or <see cref="TaskFailedEvent"/>) for the instance.
    /// </summary>
    /// <returns>False when the lease was lost (a duplicate run): nothing was written.</returns>
    Task<bool> CompleteActivityAsync(ActivityWorkItem workItem, HistoryEvent outcome, CancellationToken cancellationToken);

    Task AbandonActivityAsync(ActivityWorkItem workItem, CancellationToken cancellationToken);

    /// <returns>False when the lease is no longer held.</returns>
    Task<bool> RenewActivityLeaseAsync(ActivityWorkItem workItem, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>When the next orchestration work becomes due (a message turning visible, a lease expiring), if any.</summary>
    Task<DateTime?> NextOrchestrationDueAsync(CancellationToken cancellationToken);

    /// <summary>When the next activity becomes due (a retry turning visible, a lease expiring), if any.</summary>
    Task<DateTime?> NextActivityDueAsync(CancellationToken cancellationToken);

    /// <summary>Completes at the next notification that orchestration messages may be there. Take it before looking, so none is missed.</summary>
    Task OrchestrationWorkSignal();

    /// <summary>Completes at the next notification that activities may be there. Take it before looking, so none is missed.</summary>
    Task ActivityWorkSignal();

    /// <summary>Completes at the next notification that an instance changed state, for clients waiting on one.</summary>
    Task InstanceChangeSignal();
}
