using ContinuousLoad.Durable.History;
using ContinuousLoad.Durable.Replay;
using Npgsql;

namespace ContinuousLoad.Durable.Stores.Postgres;

/// <summary>The worker's side for orchestrations: leasing an instance with its messages, committing a turn.</summary>
public sealed partial class PostgresDurableStore
{
    /// <summary>One round trip: the instance, its visible messages and its history, leased under a new token.</summary>
    public async Task<OrchestrationWorkItem?> LockNextOrchestrationAsync(string owner, TimeSpan lease, int maxMessages, CancellationToken cancellationToken)
    {
        var token = NewToken();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = Batch(connection, [
            new("WITH candidate AS (SELECT i.instance_id FROM cl_durable.inbox m JOIN cl_durable.instances i ON i.instance_id = m.instance_id " +
                "WHERE m.visible_at <= now() AND (i.lock_token IS NULL OR i.lock_expires_at < now()) " +
                "ORDER BY m.visible_at, m.id LIMIT 1 FOR UPDATE OF i SKIP LOCKED) " +
                "UPDATE cl_durable.instances i SET lock_owner = $1, lock_token = $2, lock_expires_at = now() + $3 FROM candidate c " +
                "WHERE i.instance_id = c.instance_id RETURNING i.instance_id, i.execution_id, i.name, i.runtime_status, now()",
                owner, token, lease),
            new("UPDATE cl_durable.inbox SET lock_token = $1, dequeue_count = dequeue_count + 1 WHERE id IN " +
                "(SELECT m.id FROM cl_durable.inbox m JOIN cl_durable.instances i ON i.instance_id = m.instance_id " +
                "WHERE i.lock_token = $1 AND m.visible_at <= now() ORDER BY m.id LIMIT $2 FOR UPDATE OF m) " +
                "RETURNING id, execution_id, body, dequeue_count", token, maxMessages),
            new("SELECT h.body FROM cl_durable.history h JOIN cl_durable.instances i ON i.instance_id = h.instance_id AND i.execution_id = h.execution_id " +
                "WHERE i.lock_token = $1 ORDER BY h.seq", token),
        ]);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var (instanceId, executionId, name, status, now) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDateTime(4));
        await reader.NextResultAsync(cancellationToken);
        var messages = new List<InboxMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new InboxMessage(reader.GetInt64(0), Text(reader, 1), HistoryJson.Deserialize(reader.GetString(2)), reader.GetInt32(3)));
        }

        await reader.NextResultAsync(cancellationToken);
        var history = new List<HistoryEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            history.Add(HistoryJson.Deserialize(reader.GetString(0)));
        }

        return new OrchestrationWorkItem(instanceId, executionId, name, StoredState.Status(status), token, now, history, [.. messages.OrderBy(m => m.Id)]);
    }

    /// <summary>Two round trips: every statement of the turn in one batch, then the commit.</summary>
    public async Task CompleteOrchestrationAsync(OrchestrationWorkItem workItem, TurnResult result, CancellationToken cancellationToken)
    {
        var statements = new List<Statement>
        {
            new("UPDATE cl_durable.instances SET execution_id = $1, runtime_status = $2, last_updated_at = now(), " +
                "completed_at = CASE WHEN $3 THEN now() END, input = CASE WHEN $4 THEN $5::text ELSE input END, " +
                "generation = generation + CASE WHEN $4 THEN 1 ELSE 0 END, output = $6::text, custom_status = $7::text, failure_details = $8::text, " +
                "lock_owner = NULL, lock_token = NULL, lock_expires_at = NULL WHERE instance_id = $9 AND lock_token = $10",
                result.ExecutionId, result.Status.ToString(), result.IsTerminal, result.NewExecution, result.Input, result.Output, result.CustomStatus,
                StoredState.Failure(result.Failure), workItem.InstanceId, workItem.LockToken),
            new("DELETE FROM cl_durable.inbox WHERE lock_token = $1", workItem.LockToken),
        };
        if (result.NewExecution || result.IsTerminal)
        {
            // What a replaced execution had (history, calls, timers) goes; a finished instance keeps only its history.
            statements.Add(new("DELETE FROM cl_durable.history WHERE $2 AND instance_id = $1", workItem.InstanceId, result.NewExecution));
            statements.Add(new("DELETE FROM cl_durable.activities WHERE instance_id = $1", workItem.InstanceId));
            statements.Add(new("DELETE FROM cl_durable.inbox WHERE instance_id = $1 AND execution_id IS NOT NULL AND (execution_id <> $2 OR $3)",
                workItem.InstanceId, result.ExecutionId, result.IsTerminal));
        }

        if (result.History.Count > 0)
        {
            statements.Add(new("INSERT INTO cl_durable.history (instance_id, execution_id, seq, event_type, body) " +
                "SELECT $1, $2, $3 + ordinality - 1, t, b FROM unnest($4::text[], $5::text[]) WITH ORDINALITY AS e(t, b)",
                workItem.InstanceId, result.ExecutionId, result.NewExecution ? 0 : workItem.History.Count,
                result.History.Select(e => e.Kind).ToArray(), result.History.Select(HistoryJson.Serialize).ToArray()));
        }

        var (tasks, messagesNow) = Dispatch(statements, workItem, result);
        var changed = result.Status != workItem.Status || result.NewExecution;
        statements.AddRange(Notifications(messagesNow, tasks, changed));
        if (!messagesNow)
        {
            // Messages that arrived during the turn can be taken once the lease is released.
            statements.Add(new("SELECT pg_notify($2, '') FROM cl_durable.inbox WHERE instance_id = $1 AND visible_at <= now() LIMIT 1",
                workItem.InstanceId, OrchestrationChannel));
        }

        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using var batch = Batch(connection, statements);
            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw new LockLostException($"Instance '{workItem.InstanceId}' already has history from entry #{workItem.History.Count}: another worker ran this turn.");
            }

            if (batch.BatchCommands[0].RecordsAffected == 0)
            {
                throw new LockLostException($"The lease on instance '{workItem.InstanceId}' was lost; the turn was not saved.");
            }

            await transaction.CommitAsync(cancellationToken);
        }

        Pulse(messagesNow, tasks, changed);
    }

    /// <summary>
    /// Activities (once each), timers, sent events and the messages the instance leaves for itself, one statement each kind.
    /// Messages keep their order (carried events are replayed in the order they arrived).
    /// </summary>
    /// <returns>Whether activities were scheduled and whether messages are visible at once.</returns>
    private static (bool Tasks, bool MessagesNow) Dispatch(List<Statement> statements, OrchestrationWorkItem workItem, TurnResult result)
    {
        var tasks = result.IsTerminal ? [] : result.Actions.OfType<ScheduleTaskAction>().ToList();
        if (tasks.Count > 0)
        {
            statements.Add(new("INSERT INTO cl_durable.activities (instance_id, execution_id, task_id, name, input, visible_at) " +
                "SELECT $1, $2, t, n, i, now() FROM unnest($3::integer[], $4::text[], $5::text[]) AS a(t, n, i) " +
                "ON CONFLICT (instance_id, execution_id, task_id) DO NOTHING",
                workItem.InstanceId, result.ExecutionId, tasks.Select(t => t.Id).ToArray(), tasks.Select(t => t.Name.Name).ToArray(),
                tasks.Select(t => t.Input).ToArray()));
        }

        var messages = new List<(string InstanceId, string? ExecutionId, HistoryEvent Message, DateTime? VisibleAt)>();
        foreach (var action in result.Actions)
        {
            switch (action)
            {
                case CreateTimerAction timer when !result.IsTerminal:
                    messages.Add((workItem.InstanceId, result.ExecutionId, new TimerFiredEvent(timer.Id, timer.FireAt) { Timestamp = workItem.Now }, timer.FireAt));
                    break;
                case SendEventAction send:
                    messages.Add((send.InstanceId, null, new EventRaisedEvent(send.Name, send.Input) { Timestamp = workItem.Now }, null));
                    break;
            }
        }

        messages.AddRange(result.SelfMessages.Select(m => (workItem.InstanceId, m is ExecutionStartedEvent ? result.ExecutionId : null, m, (DateTime?)null)));
        if (messages.Count > 0)
        {
            statements.Add(new("INSERT INTO cl_durable.inbox (instance_id, execution_id, event_type, body, visible_at) " +
                "SELECT m.i, m.e, m.t, m.b, coalesce(m.v, now()) FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) WITH ORDINALITY AS m(i, e, t, b, v, n) " +
                "WHERE EXISTS (SELECT 1 FROM cl_durable.instances WHERE instance_id = m.i) ORDER BY m.n",
                messages.Select(m => m.InstanceId).ToArray(), messages.Select(m => m.ExecutionId).ToArray(), messages.Select(m => m.Message.Kind).ToArray(),
                messages.Select(m => HistoryJson.Serialize(m.Message)).ToArray(), messages.Select(m => m.VisibleAt).ToArray()));
        }

        return (tasks.Count > 0, messages.Any(m => m.VisibleAt is null || m.VisibleAt <= workItem.Now));
    }

    public async Task DiscardMessagesAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken) =>
        await RunAsync("WITH released AS (" + Release + ") DELETE FROM cl_durable.inbox WHERE lock_token = $2 AND EXISTS (SELECT 1 FROM released)",
            cancellationToken, workItem.InstanceId, workItem.LockToken);

    /// <summary>Back off a little before the next attempt; the dequeue count keeps the tally for poison detection.</summary>
    public async Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken) =>
        await RunAsync("WITH released AS (" + Release + ") UPDATE cl_durable.inbox SET lock_token = NULL, " +
            "visible_at = greatest(visible_at, now() + $3) WHERE lock_token = $2 AND EXISTS (SELECT 1 FROM released)",
            cancellationToken, workItem.InstanceId, workItem.LockToken, StoredState.AbandonedTurnRetry);

    public async Task<bool> RenewOrchestrationLeaseAsync(OrchestrationWorkItem workItem, TimeSpan lease, CancellationToken cancellationToken) =>
        await RunAsync("UPDATE cl_durable.instances SET lock_expires_at = now() + $1 WHERE instance_id = $2 AND lock_token = $3", cancellationToken,
            lease, workItem.InstanceId, workItem.LockToken) == 1;

    public Task<DateTime?> NextOrchestrationDueAsync(CancellationToken cancellationToken) =>
        NextDueAsync("SELECT least((SELECT m.visible_at FROM cl_durable.inbox m JOIN cl_durable.instances i ON i.instance_id = m.instance_id " +
            "WHERE i.lock_token IS NULL OR i.lock_expires_at < now() ORDER BY m.visible_at LIMIT 1), " +
            "(SELECT min(lock_expires_at) FROM cl_durable.instances WHERE lock_expires_at > now()))", cancellationToken);

    private const string Release =
        "UPDATE cl_durable.instances SET lock_owner = NULL, lock_token = NULL, lock_expires_at = NULL WHERE instance_id = $1 AND lock_token = $2 RETURNING 1";
}
