using ContinuousLoad.Durable.History;
using ContinuousLoad.Durable.Replay;
using Npgsql;

namespace ContinuousLoad.Durable.Stores.Postgres;

/// <summary>The worker's side for orchestrations: leasing an instance with its messages, committing a turn.</summary>
public sealed partial class PostgresDurableStore
{
    public Task<OrchestrationWorkItem?> LockNextOrchestrationAsync(string owner, TimeSpan lease, int maxMessages, CancellationToken cancellationToken) =>
        WriteAsync<OrchestrationWorkItem?>(async connection =>
        {
            var token = NewToken();
            string instanceId, executionId, name, status;
            DateTime now;
            await using (var command = Command(connection,
                             "WITH candidate AS (SELECT i.instance_id FROM cl_durable.inbox m JOIN cl_durable.instances i ON i.instance_id = m.instance_id " +
                             "WHERE m.visible_at <= now() AND (i.lock_token IS NULL OR i.lock_expires_at < now()) " +
                             "ORDER BY m.visible_at, m.id LIMIT 1 FOR UPDATE OF i SKIP LOCKED) " +
                             "UPDATE cl_durable.instances i SET lock_owner = $1, lock_token = $2, lock_expires_at = now() + $3 FROM candidate c " +
                             "WHERE i.instance_id = c.instance_id RETURNING i.instance_id, i.execution_id, i.name, i.runtime_status, now()",
                             [owner, token, lease]))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return null;
                }

                (instanceId, executionId, name, status, now) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDateTime(4));
            }

            var messages = new List<InboxMessage>();
            await using (var command = Command(connection,
                             "UPDATE cl_durable.inbox SET lock_token = $1, dequeue_count = dequeue_count + 1 WHERE id IN " +
                             "(SELECT id FROM cl_durable.inbox WHERE instance_id = $2 AND visible_at <= now() ORDER BY id LIMIT $3 FOR UPDATE) " +
                             "RETURNING id, execution_id, body, dequeue_count", [token, instanceId, maxMessages]))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    messages.Add(new InboxMessage(reader.GetInt64(0), Text(reader, 1), HistoryJson.Deserialize(reader.GetString(2)), reader.GetInt32(3)));
                }
            }

            var history = new List<HistoryEvent>();
            await using (var command = Command(connection, "SELECT body FROM cl_durable.history WHERE instance_id = $1 AND execution_id = $2 ORDER BY seq",
                             [instanceId, executionId]))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    history.Add(HistoryJson.Deserialize(reader.GetString(0)));
                }
            }

            return new OrchestrationWorkItem(instanceId, executionId, name, StoredState.Status(status), token, now, history, [.. messages.OrderBy(m => m.Id)]);
        }, cancellationToken);

    public async Task CompleteOrchestrationAsync(OrchestrationWorkItem workItem, TurnResult result, CancellationToken cancellationToken)
    {
        await WriteAsync(async connection =>
        {
            var updated = await ExecuteAsync(connection,
                "UPDATE cl_durable.instances SET execution_id = $1, runtime_status = $2, last_updated_at = now(), " +
                "completed_at = CASE WHEN $3 THEN now() END, input = CASE WHEN $4 THEN $5::text ELSE input END, " +
                "generation = generation + CASE WHEN $4 THEN 1 ELSE 0 END, output = $6::text, custom_status = $7::text, failure_details = $8::text, " +
                "lock_owner = NULL, lock_token = NULL, lock_expires_at = NULL WHERE instance_id = $9 AND lock_token = $10", cancellationToken,
                result.ExecutionId, result.Status.ToString(), result.IsTerminal, result.NewExecution, result.Input, result.Output, result.CustomStatus,
                StoredState.Failure(result.Failure), workItem.InstanceId, workItem.LockToken);
            if (updated == 0)
            {
                throw new LockLostException($"The lease on instance '{workItem.InstanceId}' was lost; the turn was not saved.");
            }

            var seq = workItem.History.Count;
            if (result.NewExecution)
            {
                seq = 0;
                await ExecuteAsync(connection, "DELETE FROM cl_durable.history WHERE instance_id = $1; ", cancellationToken, workItem.InstanceId);
                await ExecuteAsync(connection, "DELETE FROM cl_durable.activities WHERE instance_id = $1", cancellationToken, workItem.InstanceId);
            }

            await InsertHistoryAsync(connection, workItem.InstanceId, result.ExecutionId, seq, result.History, cancellationToken);
            await DispatchAsync(connection, workItem.InstanceId, result, cancellationToken);
            await ExecuteAsync(connection, "DELETE FROM cl_durable.inbox WHERE lock_token = $1", cancellationToken, workItem.LockToken);
            if (result.IsTerminal || result.NewExecution)
            {
                // What the finished (or replaced) execution was waiting for will never be needed.
                await ExecuteAsync(connection, "DELETE FROM cl_durable.inbox WHERE instance_id = $1 AND execution_id IS NOT NULL AND execution_id <> $2",
                    cancellationToken, workItem.InstanceId, result.IsTerminal ? "" : result.ExecutionId);
            }

            if (result.IsTerminal)
            {
                await ExecuteAsync(connection, "DELETE FROM cl_durable.activities WHERE instance_id = $1", cancellationToken, workItem.InstanceId);
            }

            await NotifyAsync(connection, cancellationToken);
            return true;
        }, cancellationToken);
        _work.Pulse();
        _changes.Pulse();
    }

    private async Task InsertHistoryAsync(NpgsqlConnection connection, string instanceId, string executionId, int seq, IReadOnlyList<HistoryEvent> events,
        CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        try
        {
            await ExecuteAsync(connection,
                "INSERT INTO cl_durable.history (instance_id, execution_id, seq, event_type, body) " +
                "SELECT $1, $2, $3 + ordinality - 1, t, b FROM unnest($4::text[], $5::text[]) WITH ORDINALITY AS e(t, b)", cancellationToken,
                instanceId, executionId, seq, events.Select(e => e.Kind).ToArray(), events.Select(HistoryJson.Serialize).ToArray());
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new LockLostException($"Instance '{instanceId}' already has history from entry #{seq}: another worker ran this turn.");
        }
    }

    /// <summary>Activities (once each), timers and sent events of the turn, and messages the instance leaves for itself.</summary>
    private async Task DispatchAsync(NpgsqlConnection connection, string instanceId, TurnResult result, CancellationToken cancellationToken)
    {
        foreach (var action in result.Actions)
        {
            switch (action)
            {
                case ScheduleTaskAction task when !result.IsTerminal:
                    await ExecuteAsync(connection,
                        "INSERT INTO cl_durable.activities (instance_id, execution_id, task_id, name, input, visible_at) VALUES ($1, $2, $3, $4, $5::text, now()) " +
                        "ON CONFLICT (instance_id, execution_id, task_id) DO NOTHING", cancellationToken,
                        instanceId, result.ExecutionId, task.Id, task.Name.Name, task.Input);
                    break;
                case CreateTimerAction timer when !result.IsTerminal:
                    await EnqueueAsync(connection, instanceId, result.ExecutionId, new TimerFiredEvent(timer.Id, timer.FireAt), timer.FireAt, cancellationToken);
                    break;
                case SendEventAction send:
                    await EnqueueAsync(connection, send.InstanceId, null, new EventRaisedEvent(send.Name, send.Input), null, cancellationToken);
                    break;
            }
        }

        foreach (var message in result.SelfMessages)
        {
            await EnqueueAsync(connection, instanceId, message is ExecutionStartedEvent ? result.ExecutionId : null, message, null, cancellationToken);
        }
    }

    public async Task DiscardMessagesAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken) =>
        await WriteAsync(async connection =>
        {
            if (await ReleaseAsync(connection, workItem, cancellationToken))
            {
                await ExecuteAsync(connection, "DELETE FROM cl_durable.inbox WHERE lock_token = $1", cancellationToken, workItem.LockToken);
            }

            return true;
        }, cancellationToken);

    public async Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken) =>
        await WriteAsync(async connection =>
        {
            if (await ReleaseAsync(connection, workItem, cancellationToken))
            {
                // Back off a little before the next attempt; the dequeue count keeps the tally for poison detection.
                await ExecuteAsync(connection,
                    "UPDATE cl_durable.inbox SET lock_token = NULL, visible_at = greatest(visible_at, now() + interval '1 second') WHERE lock_token = $1",
                    cancellationToken, workItem.LockToken);
            }

            return true;
        }, cancellationToken);

    public Task<bool> RenewOrchestrationLeaseAsync(OrchestrationWorkItem workItem, TimeSpan lease, CancellationToken cancellationToken) =>
        WriteAsync(async connection => await ExecuteAsync(connection,
            "UPDATE cl_durable.instances SET lock_expires_at = now() + $1 WHERE instance_id = $2 AND lock_token = $3", cancellationToken,
            lease, workItem.InstanceId, workItem.LockToken) == 1, cancellationToken);

    public async Task<DateTime?> NextVisibleAtAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ScalarAsync(connection,
            "SELECT least((SELECT min(visible_at) FROM cl_durable.inbox WHERE visible_at > now()), " +
            "(SELECT min(visible_at) FROM cl_durable.activities WHERE visible_at > now()), " +
            "(SELECT min(lock_expires_at) FROM cl_durable.instances WHERE lock_expires_at > now()), " +
            "(SELECT min(lock_expires_at) FROM cl_durable.activities WHERE lock_expires_at > now()))", cancellationToken) as DateTime?;
    }

    private async Task<bool> ReleaseAsync(NpgsqlConnection connection, OrchestrationWorkItem workItem, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection,
            "UPDATE cl_durable.instances SET lock_owner = NULL, lock_token = NULL, lock_expires_at = NULL WHERE instance_id = $1 AND lock_token = $2",
            cancellationToken, workItem.InstanceId, workItem.LockToken) == 1;
}
