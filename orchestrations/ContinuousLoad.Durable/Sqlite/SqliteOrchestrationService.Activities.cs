using DurableTask.Core;
using DurableTask.Core.History;

namespace ContinuousLoad.Durable.Sqlite;

/// <summary>Activity work items: leased one at a time; a completion removes the task and queues its result in one transaction.</summary>
public sealed partial class SqliteOrchestrationService
{
    /// <returns>The next due activity, or null when <paramref name="receiveTimeout"/> passes first.</returns>
    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var deadline = Deadline(receiveTimeout);
        while (true)
        {
            var signal = _activityWork.Next;
            var (item, due) = await _database.WriteAsync(TryLockActivity, cancellationToken);
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

    /// <summary>Leases the task due first (also one whose lease expired: its worker died); one delivered too often fails as poison.</summary>
    private (SqliteActivityWorkItem? Item, long? NextDue) TryLockActivity(SqliteDatabase.Transaction transaction)
    {
        var now = NowMs;
        while (true)
        {
            var rows = transaction.Rows("""
                SELECT id, dequeue_count, message FROM tasks WHERE visible_at <= $now AND (lock_expires_at IS NULL OR lock_expires_at <= $now)
                ORDER BY visible_at, id LIMIT 1
                """, r => (Id: r.GetInt64(0), Deliveries: r.GetInt64(1) + 1, Json: r.GetString(2)), ("$now", now));
            if (rows.Count == 0)
            {
                return (null, transaction.Long("SELECT min(visible_at) FROM tasks WHERE visible_at > $now", ("$now", now)));
            }

            var (id, deliveries, json) = rows[0];
            var message = CoreJson.ReadMessage(json);
            if (deliveries > _options.MaxDeliveries)
            {
                transaction.Execute("DELETE FROM tasks WHERE id = $id", ("$id", id));
                var scheduled = (TaskScheduledEvent)message.Event;
                var reason = $"Activity {scheduled.Name} could not be completed in {_options.MaxDeliveries} deliveries (its worker stopped each time)";
                DeliverResult(transaction, new TaskMessage
                {
                    Event = new TaskFailedEvent(-1, scheduled.EventId, reason, null, new FailureDetails("PoisonMessage", reason, null, null, true)),
                    OrchestrationInstance = message.OrchestrationInstance,
                }, now);
                SqliteBackendLog.ActivityPoisoned(_logger, message.OrchestrationInstance.InstanceId, scheduled.Name ?? "", _options.MaxDeliveries);
                continue;
            }

            var token = NewToken();
            var expires = now + (long)_options.LeaseDuration.TotalMilliseconds;
            transaction.Execute("UPDATE tasks SET lock_token = $token, lock_expires_at = $expires, dequeue_count = $deliveries WHERE id = $id",
                ("$token", token), ("$expires", expires), ("$deliveries", deliveries), ("$id", id));
            return (new SqliteActivityWorkItem
            {
                Id = Text(id),
                TaskMessage = message,
                LockedUntilUtc = UnixMs.ToUtc(expires),
                DeliveryAttempt = deliveries,
                LockToken = token,
                Row = id,
            }, null);
        }
    }

    public async Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem)
    {
        var item = (SqliteActivityWorkItem)workItem;
        await _database.WriteAsync(transaction =>
        {
            var expires = NowMs + (long)_options.LeaseDuration.TotalMilliseconds;
            if (transaction.Execute("UPDATE tasks SET lock_expires_at = $expires WHERE id = $id AND lock_token = $token",
                    ("$expires", expires), ("$id", item.Row), ("$token", item.LockToken)) == 0)
            {
                throw new InvalidOperationException($"The lease on activity {item.Id} of {item.TaskMessage.OrchestrationInstance.InstanceId} was lost.");
            }

            item.LockedUntilUtc = UnixMs.ToUtc(expires);
            return true;
        });
        return item;
    }

    /// <summary>
    /// Removes the task and queues its result for the orchestration, in one transaction fenced on the lease:
    /// a run whose lease expired and was taken over commits nothing (the other run's result counts).
    /// </summary>
    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        var item = (SqliteActivityWorkItem)workItem;
        var delivered = await _database.WriteAsync(transaction =>
        {
            if (transaction.Execute("DELETE FROM tasks WHERE id = $id AND lock_token = $token", ("$id", item.Row), ("$token", item.LockToken)) == 0)
            {
                SqliteBackendLog.ResultDiscarded(_logger, item.TaskMessage.OrchestrationInstance.InstanceId, item.Id);
                return false;
            }

            return DeliverResult(transaction, responseMessage, NowMs);
        });
        if (delivered)
        {
            _orchestrationWork.Pulse();
        }
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        var item = (SqliteActivityWorkItem)workItem;
        await _database.WriteAsync(transaction => transaction.Execute(
            "UPDATE tasks SET lock_token = NULL, lock_expires_at = NULL, visible_at = $later WHERE id = $id AND lock_token = $token",
            ("$later", NowMs + Backoff(item.DeliveryAttempt ?? 1)), ("$id", item.Row), ("$token", item.LockToken)));
        _activityWork.Pulse();
    }

    /// <summary>Queues an activity; scheduling the same task of the same execution twice (a re-run turn) keeps one.</summary>
    private static void ScheduleTask(SqliteDatabase.Transaction transaction, TaskMessage message, long now) =>
        transaction.Execute("""
            INSERT INTO tasks (instance_id, execution_id, task_id, visible_at, message) VALUES ($id, $execution, $task, $now, $message)
            ON CONFLICT (instance_id, execution_id, task_id) DO NOTHING
            """,
            ("$id", message.OrchestrationInstance.InstanceId), ("$execution", message.OrchestrationInstance.ExecutionId ?? ""),
            ("$task", message.Event.EventId), ("$now", now), ("$message", CoreJson.Write(message)));

    /// <summary>An activity's result goes to its execution only while that execution is current and running.</summary>
    private bool DeliverResult(SqliteDatabase.Transaction transaction, TaskMessage result, long now)
    {
        var instance = result.OrchestrationInstance;
        var current = transaction.Rows("SELECT execution_id, status FROM instances WHERE instance_id = $id",
            r => (Execution: r.GetString(0), Status: r.GetString(1)), ("$id", instance.InstanceId));
        if (current.Count == 0 || current[0].Execution != instance.ExecutionId || TerminalStatuses.Contains(current[0].Status))
        {
            SqliteBackendLog.MessageDropped(_logger, instance.InstanceId, result.Event.EventType.ToString(),
                current.Count == 0 ? "the instance does not exist" : $"execution {instance.ExecutionId} is not current or has ended");
            return false;
        }

        AddMessage(transaction, result, now);
        return true;
    }
}
