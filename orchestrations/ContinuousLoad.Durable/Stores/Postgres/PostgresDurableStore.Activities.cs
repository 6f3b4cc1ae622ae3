using ContinuousLoad.Durable.History;

namespace ContinuousLoad.Durable.Stores.Postgres;

/// <summary>The worker's side for activities: leasing the oldest visible call, recording its outcome once.</summary>
public sealed partial class PostgresDurableStore
{
    public Task<ActivityWorkItem?> LockNextActivityAsync(string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        WriteAsync<ActivityWorkItem?>(async connection =>
        {
            var token = NewToken();
            await using var command = Command(connection,
                "UPDATE cl_durable.activities SET lock_owner = $1, lock_token = $2, lock_expires_at = now() + $3, dequeue_count = dequeue_count + 1 " +
                "WHERE id = (SELECT id FROM cl_durable.activities WHERE visible_at <= now() AND (lock_token IS NULL OR lock_expires_at < now()) " +
                "ORDER BY visible_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) " +
                "RETURNING id, instance_id, execution_id, task_id, name, input, dequeue_count", [owner, token, lease]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new ActivityWorkItem(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), Text(reader, 5), token,
                    reader.GetInt32(6))
                : null;
        }, cancellationToken);

    public async Task<bool> CompleteActivityAsync(ActivityWorkItem workItem, HistoryEvent outcome, CancellationToken cancellationToken)
    {
        var completed = await WriteAsync(async connection =>
        {
            if (await ExecuteAsync(connection, "DELETE FROM cl_durable.activities WHERE id = $1 AND lock_token = $2", cancellationToken, workItem.Id, workItem.LockToken) == 0)
            {
                return false;
            }

            // Only a live execution gets the outcome: results for finished or replaced executions are dropped, not retried.
            await ExecuteAsync(connection,
                "INSERT INTO cl_durable.inbox (instance_id, execution_id, event_type, body, visible_at) SELECT $1, $2, $3, $4, now() " +
                $"WHERE EXISTS (SELECT 1 FROM cl_durable.instances WHERE instance_id = $1 AND execution_id = $2 AND runtime_status NOT IN {StoredState.TerminalList})",
                cancellationToken, workItem.InstanceId, workItem.ExecutionId, outcome.Kind, HistoryJson.Serialize(outcome with { Timestamp = DateTime.UtcNow }));
            await NotifyAsync(connection, cancellationToken, changed: false);
            return true;
        }, cancellationToken);
        if (completed)
        {
            _work.Pulse();
        }

        return completed;
    }

    public async Task AbandonActivityAsync(ActivityWorkItem workItem, CancellationToken cancellationToken) =>
        await WriteAsync(connection => ExecuteAsync(connection,
            "UPDATE cl_durable.activities SET lock_owner = NULL, lock_token = NULL, lock_expires_at = NULL, visible_at = now() + $1 WHERE id = $2 AND lock_token = $3",
            cancellationToken, TimeSpan.FromSeconds(Math.Min(workItem.DequeueCount, 30)), workItem.Id, workItem.LockToken), cancellationToken);

    public Task<bool> RenewActivityLeaseAsync(ActivityWorkItem workItem, TimeSpan lease, CancellationToken cancellationToken) =>
        WriteAsync(async connection => await ExecuteAsync(connection,
            "UPDATE cl_durable.activities SET lock_expires_at = now() + $1 WHERE id = $2 AND lock_token = $3", cancellationToken,
            lease, workItem.Id, workItem.LockToken) == 1, cancellationToken);
}
