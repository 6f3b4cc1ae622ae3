using DurableTask.Core;
using DurableTask.Core.History;

namespace ContinuousLoad.Durable.Sqlite;

/// <summary>Orchestration work items: taken with every due message of one instance, completed in one transaction.</summary>
public sealed partial class SqliteOrchestrationService
{
    private static readonly string[] TerminalStatuses =
        [nameof(OrchestrationStatus.Completed), nameof(OrchestrationStatus.Failed), nameof(OrchestrationStatus.Terminated), nameof(OrchestrationStatus.Canceled)];

    /// <returns>The next instance with due messages, or null when <paramref name="receiveTimeout"/> passes first.</returns>
    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var deadline = Deadline(receiveTimeout);
        while (true)
        {
            var signal = _orchestrationWork.Next;
            var (item, due) = await _database.WriteAsync(TryLockOrchestration, cancellationToken);
            if (item is not null)
            {
                return item;
            }

            if (Now >= deadline)
            {
                return null!;
            }

            await WaitForWorkAsync(signal, () => Task.FromResult(due), deadline, cancellationToken);
        }
    }

    /// <summary>
    /// Leases the instance whose message is due first and takes all its due messages. A pending instance
    /// is taken only through its start message (events raised before it wait for it). Messages for a
    /// finished instance, or for an execution continue-as-new has replaced, are dropped here.
    /// </summary>
    private (SqliteOrchestrationWorkItem? Item, long? NextDue) TryLockOrchestration(SqliteDatabase.Transaction transaction)
    {
        var now = NowMs;
        while (true)
        {
            var instanceId = (string?)transaction.Scalar("""
                SELECT m.instance_id FROM messages m JOIN instances i ON i.instance_id = m.instance_id
                WHERE m.visible_at <= $now AND (i.lock_expires_at IS NULL OR i.lock_expires_at <= $now)
                  AND (i.status <> 'Pending' OR m.event_type = 'ExecutionStarted')
                ORDER BY m.visible_at, m.id LIMIT 1
                """, ("$now", now));
            if (instanceId is null)
            {
                // Only future messages: one due now is for a leased instance, whose completion signals when it has more.
                return (null, transaction.Long("SELECT min(visible_at) FROM messages WHERE visible_at > $now", ("$now", now)));
            }

            var token = NewToken();
            var expires = now + (long)_options.LeaseDuration.TotalMilliseconds;
            transaction.Execute("UPDATE instances SET lock_token = $token, lock_expires_at = $expires WHERE instance_id = $id",
                ("$token", token), ("$expires", expires), ("$id", instanceId));
            transaction.Execute("UPDATE messages SET lock_token = $token, dequeue_count = dequeue_count + 1 WHERE instance_id = $id AND visible_at <= $now",
                ("$token", token), ("$id", instanceId), ("$now", now));
            var (executionId, status) = transaction.Rows("SELECT execution_id, status FROM instances WHERE instance_id = $id",
                r => (r.GetString(0), r.GetString(1)), ("$id", instanceId))[0];
            var messages = transaction.Rows("SELECT id, execution_id, event_type, dequeue_count, message FROM messages WHERE lock_token = $token ORDER BY id",
                r => (Id: r.GetInt64(0), ExecutionId: r.IsDBNull(1) ? null : r.GetString(1), Type: r.GetString(2), Deliveries: r.GetInt64(3), Json: r.GetString(4)),
                ("$token", token));

            var terminal = TerminalStatuses.Contains(status);
            var kept = messages.Where(m => m.Type == nameof(EventType.ExecutionStarted)
                                           || (!terminal && (m.ExecutionId is null || m.ExecutionId == executionId))).ToList();
            foreach (var dropped in messages.Except(kept))
            {
                transaction.Execute("DELETE FROM messages WHERE id = $id", ("$id", dropped.Id));
                SqliteBackendLog.MessageDropped(_logger, instanceId, dropped.Type, terminal ? $"the instance is {status}" : $"execution {dropped.ExecutionId} is not current");
            }

            if (kept.Count > 0 && kept.Max(m => m.Deliveries) > _options.MaxDeliveries)
            {
                FailPoisoned(transaction, instanceId, kept.Select(m => m.Id), now);
                continue;
            }

            if (kept.Count == 0)
            {
                Unlock(transaction, instanceId, token);
                continue;
            }

            var history = transaction.Rows("SELECT event FROM history WHERE instance_id = $id AND execution_id = $execution ORDER BY sequence",
                r => CoreJson.ReadEvent(r.GetString(0)), ("$id", instanceId), ("$execution", executionId));
            return (new SqliteOrchestrationWorkItem
            {
                InstanceId = instanceId,
                OrchestrationRuntimeState = new OrchestrationRuntimeState(history),
                NewMessages = [.. kept.Select(m => CoreJson.ReadMessage(m.Json))],
                LockedUntilUtc = UnixMs.ToUtc(expires),
                LockToken = token,
                ExecutionId = executionId,
                StoredEvents = history.Count,
            }, null);
        }
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = (SqliteOrchestrationWorkItem)workItem;
        return _database.WriteAsync(transaction =>
        {
            var expires = NowMs + (long)_options.LeaseDuration.TotalMilliseconds;
            if (transaction.Execute("UPDATE instances SET lock_expires_at = $expires WHERE instance_id = $id AND lock_token = $token",
                    ("$expires", expires), ("$id", item.InstanceId), ("$token", item.LockToken)) == 0)
            {
                throw LeaseLost(item.InstanceId);
            }

            item.LockedUntilUtc = UnixMs.ToUtc(expires);
            return true;
        });
    }

    /// <summary>
    /// Commits a turn: the execution's new history (all of it after continue-as-new), the instance's
    /// state, the activities and timers it started, its messages to other instances, and the removal of
    /// the messages it consumed — fenced on the lease, so a turn whose lease another worker took commits nothing.
    /// </summary>
    public async Task CompleteTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages, IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        var item = (SqliteOrchestrationWorkItem)workItem;
        var state = newOrchestrationRuntimeState;
        var more = await _database.WriteAsync(transaction =>
        {
            var now = NowMs;
            if (!Equals(transaction.Scalar("SELECT lock_token FROM instances WHERE instance_id = $id", ("$id", item.InstanceId)), item.LockToken))
            {
                throw LeaseLost(item.InstanceId);
            }

            var executionId = state.OrchestrationInstance?.ExecutionId ?? item.ExecutionId;
            var continued = executionId != item.ExecutionId;
            if (continued)
            {
                transaction.Execute("DELETE FROM history WHERE instance_id = $id", ("$id", item.InstanceId));
            }

            var events = continued ? state.Events : state.NewEvents;
            var sequence = continued ? 0 : item.StoredEvents;
            foreach (var historyEvent in events)
            {
                transaction.Execute("INSERT INTO history (instance_id, execution_id, sequence, event) VALUES ($id, $execution, $sequence, $event)",
                    ("$id", item.InstanceId), ("$execution", executionId), ("$sequence", sequence++), ("$event", CoreJson.Write(historyEvent)));
            }

            var status = orchestrationState?.OrchestrationStatus ?? state.OrchestrationStatus;
            var failure = orchestrationState?.FailureDetails ?? state.FailureDetails;
            transaction.Execute("""
                UPDATE instances SET execution_id = $execution, name = $name, version = $version, status = $status, last_updated_at = $now,
                    completed_at = $completed, input = $input, output = $output, custom_status = $custom, failure = $failure,
                    lock_token = NULL, lock_expires_at = NULL
                WHERE instance_id = $id
                """,
                ("$execution", executionId), ("$name", state.Name ?? ""), ("$version", state.Version), ("$status", status.ToString()), ("$now", now),
                ("$completed", TerminalStatuses.Contains(status.ToString()) ? now : null), ("$input", state.Input), ("$output", state.Output),
                ("$custom", state.Status), ("$failure", failure is null ? null : CoreJson.Write(failure)), ("$id", item.InstanceId));
            transaction.Execute("DELETE FROM messages WHERE instance_id = $id AND lock_token = $token", ("$id", item.InstanceId), ("$token", item.LockToken));

            foreach (var message in outboundMessages ?? [])
            {
                ScheduleTask(transaction, message, now);
            }

            foreach (var message in (orchestratorMessages ?? []).Concat(continuedAsNewMessage is null ? [] : [continuedAsNewMessage]))
            {
                Deliver(transaction, message, now);
            }

            foreach (var message in timerMessages ?? [])
            {
                AddMessage(transaction, message, UnixMs.Ceiling(((TimerFiredEvent)message.Event).FireAt));
            }

            return transaction.Long("SELECT 1 FROM messages WHERE instance_id = $id AND visible_at <= $now LIMIT 1", ("$id", item.InstanceId), ("$now", now)) is not null;
        });

        // A timer may be due before the moment a waiting taker last computed; it looks again.
        if (more || orchestratorMessages?.Count > 0 || timerMessages?.Count > 0)
        {
            _orchestrationWork.Pulse();
        }

        if (outboundMessages?.Count > 0)
        {
            _activityWork.Pulse();
        }

        _changes.Pulse();
    }

    /// <summary>Releases the lease; the messages become visible again after a backoff that grows with each delivery.</summary>
    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = (SqliteOrchestrationWorkItem)workItem;
        await _database.WriteAsync(transaction =>
        {
            var deliveries = transaction.Long("SELECT max(dequeue_count) FROM messages WHERE lock_token = $token", ("$token", item.LockToken)) ?? 1;
            transaction.Execute("UPDATE messages SET lock_token = NULL, visible_at = $later WHERE instance_id = $id AND lock_token = $token",
                ("$later", NowMs + Backoff(deliveries)), ("$id", item.InstanceId), ("$token", item.LockToken));
            Unlock(transaction, item.InstanceId, item.LockToken);
            return true;
        });
        _orchestrationWork.Pulse();
    }

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = (SqliteOrchestrationWorkItem)workItem;
        return _database.WriteAsync(transaction =>
        {
            transaction.Execute("UPDATE messages SET lock_token = NULL WHERE instance_id = $id AND lock_token = $token",
                ("$id", item.InstanceId), ("$token", item.LockToken));
            return Unlock(transaction, item.InstanceId, item.LockToken);
        });
    }

    private static bool Unlock(SqliteDatabase.Transaction transaction, string instanceId, string token) =>
        transaction.Execute("UPDATE instances SET lock_token = NULL, lock_expires_at = NULL WHERE instance_id = $id AND lock_token = $token",
            ("$id", instanceId), ("$token", token)) > 0;

    /// <summary>An instance whose messages keep failing is failed with the reason, so it does not spin forever.</summary>
    private void FailPoisoned(SqliteDatabase.Transaction transaction, string instanceId, IEnumerable<long> messages, long now)
    {
        foreach (var id in messages)
        {
            transaction.Execute("DELETE FROM messages WHERE id = $id", ("$id", id));
        }

        var failure = new FailureDetails("PoisonMessage", $"A message for this instance could not be processed in {_options.MaxDeliveries} deliveries", null, null, true);
        transaction.Execute("""
            UPDATE instances SET status = 'Failed', failure = $failure, completed_at = $now, last_updated_at = $now, lock_token = NULL, lock_expires_at = NULL
            WHERE instance_id = $id
            """, ("$failure", CoreJson.Write(failure)), ("$now", now), ("$id", instanceId));
        SqliteBackendLog.InstancePoisoned(_logger, instanceId, _options.MaxDeliveries);
    }

    /// <summary>A message for another instance: a sub-orchestration's start creates it; anything else goes only to an instance that exists.</summary>
    private void Deliver(SqliteDatabase.Transaction transaction, TaskMessage message, long now)
    {
        if (message.Event is ExecutionStartedEvent started)
        {
            CreateInstance(transaction, message, started, now, dedupeStatuses: null);
            return;
        }

        if (transaction.Long("SELECT 1 FROM instances WHERE instance_id = $id", ("$id", message.OrchestrationInstance.InstanceId)) is null)
        {
            SqliteBackendLog.MessageDropped(_logger, message.OrchestrationInstance.InstanceId, message.Event.EventType.ToString(), "the instance does not exist");
            return;
        }

        AddMessage(transaction, message, now);
    }

    private static void AddMessage(SqliteDatabase.Transaction transaction, TaskMessage message, long visibleAt) =>
        transaction.Execute("INSERT INTO messages (instance_id, execution_id, event_type, visible_at, message) VALUES ($id, $execution, $type, $visible, $message)",
            ("$id", message.OrchestrationInstance.InstanceId), ("$execution", message.OrchestrationInstance.ExecutionId),
            ("$type", message.Event.EventType.ToString()), ("$visible", visibleAt), ("$message", CoreJson.Write(message)));

    /// <summary>Doubles from 1 s with each delivery, at most a minute.</summary>
    private static long Backoff(long deliveries) => Math.Min(60_000L, 1000L << (int)Math.Clamp(deliveries - 1, 0, 6));

    private static InvalidOperationException LeaseLost(string instanceId) =>
        new($"The lease on {instanceId} was lost (it expired and another worker took the work); nothing of this turn was committed.");
}
