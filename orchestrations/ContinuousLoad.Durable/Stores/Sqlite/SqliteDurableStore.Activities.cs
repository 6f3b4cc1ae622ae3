using ContinuousLoad.Durable.History;

namespace ContinuousLoad.Durable.Stores.Sqlite;

/// <summary>The worker's side for activities: leasing the oldest visible call, recording its outcome once.</summary>
public sealed partial class SqliteDurableStore
{
    public async Task<ActivityWorkItem?> LockNextActivityAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = Now;
        return await WriteAsync(transaction =>
        {
            var token = NewToken();
            var locked = Rows(transaction,
                "UPDATE activities SET lock_owner = $owner, lock_token = $token, lock_expires_at = $expires, dequeue_count = dequeue_count + 1 " +
                "WHERE id = (SELECT id FROM activities WHERE visible_at <= $now AND (lock_token IS NULL OR lock_expires_at < $now) ORDER BY visible_at, id LIMIT 1) " +
                "RETURNING id, instance_id, execution_id, task_id, name, input, dequeue_count",
                r => new ActivityWorkItem(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4), Text(r, 5), token, r.GetInt32(6)),
                ("$owner", owner), ("$token", token), ("$expires", Ms(now + lease)), ("$now", Ms(now)));
            return locked.SingleOrDefault();
        }, cancellationToken);
    }

    public async Task<bool> CompleteActivityAsync(ActivityWorkItem workItem, HistoryEvent outcome, CancellationToken cancellationToken)
    {
        var now = Now;
        var completed = await WriteAsync(transaction =>
        {
            if (Execute(transaction, "DELETE FROM activities WHERE id = $id AND lock_token = $token", ("$id", workItem.Id), ("$token", workItem.LockToken)) == 0)
            {
                return false;
            }

            // Only a live execution gets the outcome: results for finished or replaced executions are dropped, not retried.
            Execute(transaction,
                "INSERT INTO inbox (instance_id, execution_id, event_type, body, visible_at) SELECT $id, $execution, $type, $body, $now " +
                $"WHERE EXISTS (SELECT 1 FROM instances WHERE instance_id = $id AND execution_id = $execution AND runtime_status NOT IN {StoredState.TerminalList})",
                ("$id", workItem.InstanceId), ("$execution", workItem.ExecutionId), ("$type", outcome.Kind),
                ("$body", HistoryJson.Serialize(outcome with { Timestamp = now })), ("$now", Ms(now)));
            return true;
        }, cancellationToken);
        if (completed)
        {
            _orchestrationWork.Pulse();
        }

        return completed;
    }

    public async Task AbandonActivityAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        var retryAt = Now + TimeSpan.FromSeconds(Math.Min(workItem.DequeueCount, 30));
        await WriteAsync(transaction => Execute(transaction,
            "UPDATE activities SET lock_owner = NULL, lock_token = NULL, lock_expires_at = NULL, visible_at = $retry WHERE id = $id AND lock_token = $token",
            ("$retry", Ms(retryAt)), ("$id", workItem.Id), ("$token", workItem.LockToken)), cancellationToken);
    }

    public Task<bool> RenewActivityLeaseAsync(ActivityWorkItem workItem, TimeSpan lease, CancellationToken cancellationToken) =>
        WriteAsync(transaction => Execute(transaction,
            "UPDATE activities SET lock_expires_at = $expires WHERE id = $id AND lock_token = $token",
            ("$expires", Ms(Now + lease)), ("$id", workItem.Id), ("$token", workItem.LockToken)) == 1, cancellationToken);

    public Task<DateTime?> NextActivityDueAsync(CancellationToken cancellationToken) =>
        NextDueAsync("SELECT min(at) FROM (SELECT (SELECT visible_at FROM activities WHERE lock_token IS NULL OR lock_expires_at < $now " +
            "ORDER BY visible_at LIMIT 1) AS at UNION ALL SELECT min(lock_expires_at) FROM activities WHERE lock_expires_at > $now)", cancellationToken);
}
