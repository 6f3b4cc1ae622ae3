using ContinuousLoad.Durable.History;
using ContinuousLoad.Durable.Replay;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Durable.Stores.Sqlite;

/// <summary>The worker's side for orchestrations: leasing an instance with its messages, committing a turn.</summary>
public sealed partial class SqliteDurableStore
{
    public async Task<OrchestrationWorkItem?> LockNextOrchestrationAsync(string owner, TimeSpan lease, int maxMessages, CancellationToken cancellationToken)
    {
        var now = Now;
        return await WriteAsync(transaction =>
        {
            var token = NewToken();
            var locked = Rows(transaction,
                "UPDATE instances SET lock_owner = $owner, lock_token = $token, lock_expires_at = $expires WHERE instance_id = " +
                "(SELECT m.instance_id FROM inbox m JOIN instances i ON i.instance_id = m.instance_id " +
                "WHERE m.visible_at <= $now AND (i.lock_token IS NULL OR i.lock_expires_at < $now) ORDER BY m.visible_at, m.id LIMIT 1) " +
                "RETURNING instance_id, execution_id, name, runtime_status",
                r => (Id: r.GetString(0), Execution: r.GetString(1), Name: r.GetString(2), Status: r.GetString(3)),
                ("$owner", owner), ("$token", token), ("$expires", Ms(now + lease)), ("$now", Ms(now)));
            if (locked is not [var instance])
            {
                return null;
            }

            var messages = Rows(transaction,
                "UPDATE inbox SET lock_token = $token, dequeue_count = dequeue_count + 1 WHERE id IN " +
                "(SELECT id FROM inbox WHERE instance_id = $id AND visible_at <= $now ORDER BY id LIMIT $max) RETURNING id, execution_id, body, dequeue_count",
                r => new InboxMessage(r.GetInt64(0), Text(r, 1), HistoryJson.Deserialize(r.GetString(2)), r.GetInt32(3)),
                ("$token", token), ("$id", instance.Id), ("$now", Ms(now)), ("$max", maxMessages));
            var history = Rows(transaction, "SELECT body FROM history WHERE instance_id = $id AND execution_id = $execution ORDER BY seq",
                r => HistoryJson.Deserialize(r.GetString(0)), ("$id", instance.Id), ("$execution", instance.Execution));
            return new OrchestrationWorkItem(instance.Id, instance.Execution, instance.Name, StoredState.Status(instance.Status), token, now, history,
                [.. messages.OrderBy(m => m.Id)]);
        }, cancellationToken);
    }

    public async Task CompleteOrchestrationAsync(OrchestrationWorkItem workItem, TurnResult result, CancellationToken cancellationToken)
    {
        var now = Now;
        var (tasks, messages) = await WriteAsync(transaction =>
        {
            var updated = Execute(transaction,
                "UPDATE instances SET execution_id = $execution, runtime_status = $status, last_updated_at = $now, " +
                "completed_at = CASE WHEN $terminal THEN $now END, input = CASE WHEN $new THEN $input ELSE input END, " +
                "generation = generation + $new, output = $output, custom_status = $custom, failure_details = $failure, " +
                "lock_owner = NULL, lock_token = NULL, lock_expires_at = NULL WHERE instance_id = $id AND lock_token = $token",
                ("$execution", result.ExecutionId), ("$status", result.Status.ToString()), ("$now", Ms(now)), ("$terminal", result.IsTerminal),
                ("$new", result.NewExecution ? 1 : 0), ("$input", result.Input), ("$output", result.Output), ("$custom", result.CustomStatus),
                ("$failure", StoredState.Failure(result.Failure)), ("$id", workItem.InstanceId), ("$token", workItem.LockToken));
            if (updated == 0)
            {
                throw new LockLostException($"The lease on instance '{workItem.InstanceId}' was lost; the turn was not saved.");
            }

            // What a replaced execution had (history, calls, timers) goes; a finished instance keeps only its history.
            Execute(transaction,
                "DELETE FROM inbox WHERE lock_token = $token; " +
                "DELETE FROM history WHERE $new AND instance_id = $id; " +
                "DELETE FROM activities WHERE ($new OR $terminal) AND instance_id = $id; " +
                "DELETE FROM inbox WHERE ($new OR $terminal) AND instance_id = $id AND execution_id IS NOT NULL AND (execution_id <> $execution OR $terminal);",
                ("$token", workItem.LockToken), ("$new", result.NewExecution), ("$terminal", result.IsTerminal), ("$id", workItem.InstanceId),
                ("$execution", result.ExecutionId));
            InsertHistory(transaction, workItem.InstanceId, result.ExecutionId, result.NewExecution ? 0 : workItem.History.Count, result.History);
            var (tasks, messages) = Dispatch(transaction, workItem.InstanceId, result, now);

            // Messages that arrived during the turn can be taken now that the lease is released.
            return (tasks, messages || Scalar(transaction, "SELECT EXISTS (SELECT 1 FROM inbox WHERE instance_id = $id AND visible_at <= $now)",
                ("$id", workItem.InstanceId), ("$now", Ms(now))) is 1L);
        }, cancellationToken);
        if (tasks)
        {
            _activityWork.Pulse();
        }

        if (messages)
        {
            _orchestrationWork.Pulse();
        }

        _changes.Pulse();
    }

    /// <summary>The turn's history, one prepared insert per event; a clash on (instance, execution, seq) means another worker ran this turn.</summary>
    private void InsertHistory(SqliteTransaction transaction, string instanceId, string executionId, int firstSeq, IReadOnlyList<HistoryEvent> events)
    {
        try
        {
            for (var i = 0; i < events.Count; i++)
            {
                Execute(transaction, "INSERT INTO history (instance_id, execution_id, seq, event_type, body) VALUES ($id, $execution, $seq, $type, $body)",
                    ("$id", instanceId), ("$execution", executionId), ("$seq", firstSeq + i), ("$type", events[i].Kind), ("$body", HistoryJson.Serialize(events[i])));
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new LockLostException($"Instance '{instanceId}' already has history from entry #{firstSeq}: another worker ran this turn.");
        }
    }

    /// <summary>Activities (once each), timers and sent events of the turn, and messages the instance leaves for itself.</summary>
    /// <returns>Whether activities were queued and whether messages visible at once were.</returns>
    private (bool Tasks, bool Messages) Dispatch(SqliteTransaction transaction, string instanceId, TurnResult result, DateTime now)
    {
        var (tasks, messages) = (false, false);
        foreach (var action in result.Actions)
        {
            switch (action)
            {
                case ScheduleTaskAction task when !result.IsTerminal:
                    tasks |= Execute(transaction,
                        "INSERT OR IGNORE INTO activities (instance_id, execution_id, task_id, name, input, visible_at) VALUES ($id, $execution, $task, $name, $input, $now)",
                        ("$id", instanceId), ("$execution", result.ExecutionId), ("$task", task.Id), ("$name", task.Name.Name), ("$input", task.Input), ("$now", Ms(now))) > 0;
                    break;
                case CreateTimerAction timer when !result.IsTerminal:
                    messages |= Enqueue(transaction, instanceId, result.ExecutionId, new TimerFiredEvent(timer.Id, timer.FireAt) { Timestamp = now }, CeilingMs(timer.FireAt)) > 0
                        && timer.FireAt <= now;
                    break;
                case SendEventAction send:
                    messages |= Enqueue(transaction, send.InstanceId, null, new EventRaisedEvent(send.Name, send.Input) { Timestamp = now }, Ms(now)) > 0;
                    break;
            }
        }

        foreach (var message in result.SelfMessages)
        {
            messages |= Enqueue(transaction, instanceId, message is ExecutionStartedEvent ? result.ExecutionId : null, message, Ms(now)) > 0;
        }

        return (tasks, messages);
    }

    public async Task DiscardMessagesAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken) =>
        await ReleaseAsync(workItem, "DELETE FROM inbox WHERE lock_token = $token", cancellationToken);

    /// <summary>Gives the lease back; the messages stay, a little later, and their dequeue count keeps the tally for poison detection.</summary>
    public async Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken) =>
        await ReleaseAsync(workItem, "UPDATE inbox SET lock_token = NULL, visible_at = max(visible_at, $retry) WHERE lock_token = $token", cancellationToken);

    private Task<bool> ReleaseAsync(OrchestrationWorkItem workItem, string messages, CancellationToken cancellationToken) =>
        WriteAsync(transaction =>
        {
            var released = Execute(transaction,
                "UPDATE instances SET lock_owner = NULL, lock_token = NULL, lock_expires_at = NULL WHERE instance_id = $id AND lock_token = $token",
                ("$id", workItem.InstanceId), ("$token", workItem.LockToken)) == 1;
            if (released)
            {
                Execute(transaction, messages, ("$token", workItem.LockToken), ("$retry", Ms(Now + StoredState.AbandonedTurnRetry)));
            }

            return released;
        }, cancellationToken);

    public Task<bool> RenewOrchestrationLeaseAsync(OrchestrationWorkItem workItem, TimeSpan lease, CancellationToken cancellationToken) =>
        WriteAsync(transaction => Execute(transaction,
            "UPDATE instances SET lock_expires_at = $expires WHERE instance_id = $id AND lock_token = $token",
            ("$expires", Ms(Now + lease)), ("$id", workItem.InstanceId), ("$token", workItem.LockToken)) == 1, cancellationToken);

    public Task<DateTime?> NextOrchestrationDueAsync(CancellationToken cancellationToken) =>
        NextDueAsync("SELECT min(at) FROM (SELECT (SELECT m.visible_at FROM inbox m JOIN instances i ON i.instance_id = m.instance_id " +
            "WHERE i.lock_token IS NULL OR i.lock_expires_at < $now ORDER BY m.visible_at LIMIT 1) AS at " +
            "UNION ALL SELECT min(lock_expires_at) FROM instances WHERE lock_expires_at > $now)", cancellationToken);
}
