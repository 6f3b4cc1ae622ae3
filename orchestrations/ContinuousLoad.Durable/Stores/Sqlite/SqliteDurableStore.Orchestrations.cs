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
        return await WriteAsync((connection, transaction) =>
        {
            if (Scalar(connection, transaction,
                    "SELECT m.instance_id FROM inbox m JOIN instances i ON i.instance_id = m.instance_id " +
                    "WHERE m.visible_at <= $now AND (i.lock_token IS NULL OR i.lock_expires_at < $now) ORDER BY m.visible_at, m.id LIMIT 1",
                    ("$now", Ms(now))) is not string instanceId)
            {
                return null;
            }

            var token = NewToken();
            Execute(connection, transaction, "UPDATE instances SET lock_owner = $owner, lock_token = $token, lock_expires_at = $expires WHERE instance_id = $id",
                ("$owner", owner), ("$token", token), ("$expires", Ms(now + lease)), ("$id", instanceId));
            Execute(connection, transaction,
                "UPDATE inbox SET lock_token = $token, dequeue_count = dequeue_count + 1 WHERE id IN " +
                "(SELECT id FROM inbox WHERE instance_id = $id AND visible_at <= $now ORDER BY id LIMIT $max)",
                ("$token", token), ("$id", instanceId), ("$now", Ms(now)), ("$max", maxMessages));
            return ReadWorkItem(connection, transaction, instanceId, token, now);
        }, cancellationToken);
    }

    private static OrchestrationWorkItem ReadWorkItem(SqliteConnection connection, SqliteTransaction transaction, string instanceId, string token, DateTime now)
    {
        string executionId, name, status;
        using (var command = Command(connection, transaction, "SELECT execution_id, name, runtime_status FROM instances WHERE instance_id = $id", ("$id", instanceId)))
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            (executionId, name, status) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }

        var messages = new List<InboxMessage>();
        using (var command = Command(connection, transaction, "SELECT id, execution_id, body, dequeue_count FROM inbox WHERE lock_token = $token ORDER BY id", ("$token", token)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                messages.Add(new InboxMessage(reader.GetInt64(0), Text(reader, 1), HistoryJson.Deserialize(reader.GetString(2)), reader.GetInt32(3)));
            }
        }

        var history = new List<HistoryEvent>();
        using (var command = Command(connection, transaction, "SELECT body FROM history WHERE instance_id = $id AND execution_id = $execution ORDER BY seq",
                   ("$id", instanceId), ("$execution", executionId)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                history.Add(HistoryJson.Deserialize(reader.GetString(0)));
            }
        }

        return new OrchestrationWorkItem(instanceId, executionId, name, StoredState.Status(status), token, now, history, messages);
    }

    public async Task CompleteOrchestrationAsync(OrchestrationWorkItem workItem, TurnResult result, CancellationToken cancellationToken)
    {
        var now = Now;
        await WriteAsync((connection, transaction) =>
        {
            var terminal = result.IsTerminal;
            var updated = Execute(connection, transaction,
                "UPDATE instances SET execution_id = $execution, runtime_status = $status, last_updated_at = $now, " +
                "completed_at = CASE WHEN $terminal THEN $now END, input = CASE WHEN $new THEN $input ELSE input END, " +
                "generation = generation + $new, output = $output, custom_status = $custom, failure_details = $failure, " +
                "lock_owner = NULL, lock_token = NULL, lock_expires_at = NULL WHERE instance_id = $id AND lock_token = $token",
                ("$execution", result.ExecutionId), ("$status", result.Status.ToString()), ("$now", Ms(now)), ("$terminal", terminal),
                ("$new", result.NewExecution ? 1 : 0), ("$input", result.Input), ("$output", result.Output), ("$custom", result.CustomStatus),
                ("$failure", StoredState.Failure(result.Failure)), ("$id", workItem.InstanceId), ("$token", workItem.LockToken));
            if (updated == 0)
            {
                throw new LockLostException($"The lease on instance '{workItem.InstanceId}' was lost; the turn was not saved.");
            }

            var seq = workItem.History.Count;
            if (result.NewExecution)
            {
                seq = 0;
                foreach (var table in new[] { "history", "activities" })
                {
                    Execute(connection, transaction, $"DELETE FROM {table} WHERE instance_id = $id", ("$id", workItem.InstanceId));
                }
            }

            foreach (var historyEvent in result.History)
            {
                InsertHistory(connection, transaction, workItem.InstanceId, result.ExecutionId, seq++, historyEvent);
            }

            Dispatch(connection, transaction, workItem.InstanceId, result, now);
            Execute(connection, transaction, "DELETE FROM inbox WHERE lock_token = $token", ("$token", workItem.LockToken));
            if (terminal || result.NewExecution)
            {
                // What the finished (or replaced) execution was waiting for will never be needed.
                Execute(connection, transaction, "DELETE FROM inbox WHERE instance_id = $id AND execution_id IS NOT NULL AND execution_id <> $execution",
                    ("$id", workItem.InstanceId), ("$execution", result.ExecutionId));
            }

            if (terminal)
            {
                Execute(connection, transaction, "DELETE FROM activities WHERE instance_id = $id", ("$id", workItem.InstanceId));
                Execute(connection, transaction, "DELETE FROM inbox WHERE instance_id = $id AND execution_id IS NOT NULL", ("$id", workItem.InstanceId));
            }

            return true;
        }, cancellationToken);
        _work.Pulse();
        _changes.Pulse();
    }

    private static void InsertHistory(SqliteConnection connection, SqliteTransaction transaction, string instanceId, string executionId, int seq, HistoryEvent historyEvent)
    {
        try
        {
            Execute(connection, transaction, "INSERT INTO history (instance_id, execution_id, seq, event_type, body) VALUES ($id, $execution, $seq, $type, $body)",
                ("$id", instanceId), ("$execution", executionId), ("$seq", seq), ("$type", historyEvent.Kind), ("$body", HistoryJson.Serialize(historyEvent)));
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new LockLostException($"Instance '{instanceId}' already has history entry #{seq}: another worker ran this turn.");
        }
    }

    /// <summary>Activities (once each), timers and sent events of the turn, and messages the instance leaves for itself.</summary>
    private static void Dispatch(SqliteConnection connection, SqliteTransaction transaction, string instanceId, TurnResult result, DateTime now)
    {
        foreach (var action in result.Actions)
        {
            switch (action)
            {
                case ScheduleTaskAction task when !result.IsTerminal:
                    Execute(connection, transaction,
                        "INSERT OR IGNORE INTO activities (instance_id, execution_id, task_id, name, input, visible_at) VALUES ($id, $execution, $task, $name, $input, $now)",
                        ("$id", instanceId), ("$execution", result.ExecutionId), ("$task", task.Id), ("$name", task.Name.Name), ("$input", task.Input), ("$now", Ms(now)));
                    break;
                case CreateTimerAction timer when !result.IsTerminal:
                    Enqueue(connection, transaction, instanceId, result.ExecutionId, new TimerFiredEvent(timer.Id, timer.FireAt) { Timestamp = now }, timer.FireAt);
                    break;
                case SendEventAction send:
                    if (Scalar(connection, transaction, "SELECT 1 FROM instances WHERE instance_id = $id", ("$id", send.InstanceId)) is not null)
                    {
                        Enqueue(connection, transaction, send.InstanceId, null, new EventRaisedEvent(send.Name, send.Input) { Timestamp = now }, now);
                    }

                    break;
            }
        }

        foreach (var message in result.SelfMessages)
        {
            Enqueue(connection, transaction, instanceId, message is ExecutionStartedEvent ? result.ExecutionId : null, message, now);
        }
    }

    public async Task DiscardMessagesAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken) =>
        await WriteAsync((connection, transaction) =>
        {
            if (Execute(connection, transaction, "UPDATE instances SET lock_owner = NULL, lock_token = NULL, lock_expires_at = NULL WHERE instance_id = $id AND lock_token = $token",
                    ("$id", workItem.InstanceId), ("$token", workItem.LockToken)) == 1)
            {
                Execute(connection, transaction, "DELETE FROM inbox WHERE lock_token = $token", ("$token", workItem.LockToken));
            }

            return true;
        }, cancellationToken);

    public async Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        var now = Now;
        await WriteAsync((connection, transaction) =>
        {
            if (Execute(connection, transaction, "UPDATE instances SET lock_owner = NULL, lock_token = NULL, lock_expires_at = NULL WHERE instance_id = $id AND lock_token = $token",
                    ("$id", workItem.InstanceId), ("$token", workItem.LockToken)) == 1)
            {
                // Back off a little before the next attempt; the dequeue count keeps the tally for poison detection.
                Execute(connection, transaction, "UPDATE inbox SET lock_token = NULL, visible_at = max(visible_at, $retry) WHERE lock_token = $token",
                    ("$retry", Ms(now + TimeSpan.FromSeconds(1))), ("$token", workItem.LockToken));
            }

            return true;
        }, cancellationToken);
    }

    public Task<bool> RenewOrchestrationLeaseAsync(OrchestrationWorkItem workItem, TimeSpan lease, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => Execute(connection, transaction,
            "UPDATE instances SET lock_expires_at = $expires WHERE instance_id = $id AND lock_token = $token",
            ("$expires", Ms(Now + lease)), ("$id", workItem.InstanceId), ("$token", workItem.LockToken)) == 1, cancellationToken);

    public async Task<DateTime?> NextVisibleAtAsync(CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var next = Scalar(connection, null,
            "SELECT min(at) FROM (SELECT min(visible_at) AS at FROM inbox WHERE visible_at > $now " +
            "UNION ALL SELECT min(visible_at) FROM activities WHERE visible_at > $now " +
            "UNION ALL SELECT min(lock_expires_at) FROM instances WHERE lock_expires_at > $now " +
            "UNION ALL SELECT min(lock_expires_at) FROM activities WHERE lock_expires_at > $now)",
            ("$now", Ms(Now)));
        return next is long ms ? FromMs(ms) : null;
    }
}
