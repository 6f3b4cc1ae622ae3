using ContinuousLoad.Durable.History;

namespace ContinuousLoad.Durable.Stores.Sqlite;

/// <summary>The worker's side for activities: leasing the oldest visible call, recording its outcome once.</summary>
public sealed partial class SqliteDurableStore
{
    public async Task<ActivityWorkItem?> LockNextActivityAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = Now;
        return await WriteAsync((connection, transaction) =>
        {
            var token = NewToken();
            using var command = Command(connection, transaction,
                "UPDATE activities SET lock_owner = $owner, lock_token = $token, lock_expires_at = $expires, dequeue_count = dequeue_count + 1 " +
                "WHERE id = (SELECT id FROM activities WHERE visible_at <= $now AND (lock_token IS NULL OR lock_expires_at < $now) ORDER BY visible_at, id LIMIT 1) " +
                "RETURNING id, instance_id, execution_id, task_id, name, input, dequeue_count",
                ("$owner", owner), ("$token", token), ("$expires", Ms(now + lease)), ("$now", Ms(now)));
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new ActivityWorkItem(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), Text(reader, 5), token,
                    reader.GetInt32(6))
                : null;
        }, cancellationToken);
    }

    public async Task<bool> CompleteActivityAsync(ActivityWorkItem workItem, HistoryEvent outcome, CancellationToken cancellationToken)
    {
        var now = Now;
        var completed = await WriteAsync((connection, transaction) =>
        {
            if (Execute(connection, transaction, "DELETE FROM activities WHERE id = $id AND lock_token = $token", ("$id", workItem.Id), ("$token", workItem.LockToken)) == 0)
            {
                return false;
            }

            // Only a live execution gets the outcome: results for finished or replaced executions are dropped, not retried.
            if (Scalar(connection, transaction,
                    $"SELECT 1 FROM instances WHERE instance_id = $id AND execution_id = $execution AND runtime_status NOT IN {StoredState.TerminalList}",
                    ("$id", workItem.InstanceId), ("$execution", workItem.ExecutionId)) is not null)
            {
                Enqueue(connection, transaction, workItem.InstanceId, workItem.ExecutionId, outcome with { Timestamp = now }, now);
            }

            return true;
        }, cancellationToken);
        if (completed)
        {
            _work.Pulse();
        }

        return completed;
    }

    public async Task AbandonActivityAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        var retryAt = Now + TimeSpan.FromSeconds(Math.Min(workItem.DequeueCount, 30));
        await WriteAsync((connection, transaction) => Execute(connection, transaction,
            "UPDATE activities SET lock_owner = NULL, lock_token = NULL, lock_expires_at = NULL, visible_at = $retry WHERE id = $id AND lock_token = $token",
            ("$retry", Ms(retryAt)), ("$id", workItem.Id), ("$token", workItem.LockToken)), cancellationToken);
    }

    public Task<bool> RenewActivityLeaseAsync(ActivityWorkItem workItem, TimeSpan lease, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => Execute(connection, transaction,
            "UPDATE activities SET lock_expires_at = $expires WHERE id = $id AND lock_token = $token",
            ("$expires", Ms(Now + lease)), ("$id", workItem.Id), ("$token", workItem.LockToken)) == 1, cancellationToken);
}
