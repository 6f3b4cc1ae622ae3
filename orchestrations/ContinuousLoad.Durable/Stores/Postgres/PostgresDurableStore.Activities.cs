using ContinuousLoad.Durable.History;

namespace ContinuousLoad.Durable.Stores.Postgres;

/// <summary>The worker's side for activities: leasing the oldest visible call, recording its outcome once. One statement each.</summary>
public sealed partial class PostgresDurableStore
{
    public async Task<ActivityWorkItem?> LockNextActivityAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var token = NewToken();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
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
    }

    /// <summary>Removes the call fenced on its lease and, only for a live execution, queues the outcome; results for finished or replaced executions are dropped, not retried.</summary>
    public async Task<bool> CompleteActivityAsync(ActivityWorkItem workItem, HistoryEvent outcome, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection,
            "WITH done AS (DELETE FROM cl_durable.activities WHERE id = $1 AND lock_token = $2 RETURNING instance_id, execution_id), " +
            "queued AS (INSERT INTO cl_durable.inbox (instance_id, execution_id, event_type, body, visible_at) " +
            "SELECT d.instance_id, d.execution_id, $3, $4, now() FROM done d JOIN cl_durable.instances i " +
            $"ON i.instance_id = d.instance_id AND i.execution_id = d.execution_id AND i.runtime_status NOT IN {StoredState.TerminalList} RETURNING 1) " +
            "SELECT (SELECT count(*) FROM done), CASE WHEN EXISTS (SELECT 1 FROM queued) THEN pg_notify($5, '') END",
            [workItem.Id, workItem.LockToken, outcome.Kind, HistoryJson.Serialize(outcome with { Timestamp = DateTime.UtcNow }), OrchestrationChannel]);
        var completed = (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
        if (completed)
        {
            _orchestrationWork.Pulse();
        }

        return completed;
    }

    public async Task AbandonActivityAsync(ActivityWorkItem workItem, CancellationToken cancellationToken) =>
        await RunAsync(
            "UPDATE cl_durable.activities SET lock_owner = NULL, lock_token = NULL, lock_expires_at = NULL, visible_at = now() + $1 WHERE id = $2 AND lock_token = $3",
            cancellationToken, TimeSpan.FromSeconds(Math.Min(workItem.DequeueCount, 30)), workItem.Id, workItem.LockToken);

    public async Task<bool> RenewActivityLeaseAsync(ActivityWorkItem workItem, TimeSpan lease, CancellationToken cancellationToken) =>
        await RunAsync("UPDATE cl_durable.activities SET lock_expires_at = now() + $1 WHERE id = $2 AND lock_token = $3", cancellationToken,
            lease, workItem.Id, workItem.LockToken) == 1;

    public Task<DateTime?> NextActivityDueAsync(CancellationToken cancellationToken) =>
        NextDueAsync("SELECT least((SELECT visible_at FROM cl_durable.activities WHERE lock_token IS NULL OR lock_expires_at < now() " +
            "ORDER BY visible_at LIMIT 1), (SELECT min(lock_expires_at) FROM cl_durable.activities WHERE lock_expires_at > now()))", cancellationToken);
}
