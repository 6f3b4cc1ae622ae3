using System.Text;
using ContinuousLoad.Durable.Client;
using ContinuousLoad.Durable.History;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Durable.Stores.Sqlite;

/// <summary>The client's side: creating instances, sending them messages, reading and purging them.</summary>
public sealed partial class SqliteDurableStore
{
    private const string MetadataColumns =
        "name, instance_id, runtime_status, created_at, last_updated_at, input, output, custom_status, failure_details, execution_id";

    public async Task CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken)
    {
        await WriteAsync(transaction =>
        {
            if (Scalar(transaction, "SELECT runtime_status FROM instances WHERE instance_id = $id", ("$id", instance.InstanceId)) is string status)
            {
                if (!StoredState.TerminalStatuses.Contains(status))
                {
                    throw new InstanceExistsException(instance.InstanceId);
                }

                DeleteInstance(transaction, instance.InstanceId);
            }

            Execute(transaction,
                "INSERT INTO instances (instance_id, execution_id, name, runtime_status, created_at, last_updated_at, input) " +
                "VALUES ($id, $execution, $name, 'Pending', $now, $now, $input)",
                ("$id", instance.InstanceId), ("$execution", instance.ExecutionId), ("$name", instance.Name), ("$now", Ms(Now)), ("$input", instance.Input));
            Enqueue(transaction, instance.InstanceId, instance.ExecutionId,
                new ExecutionStartedEvent(instance.Name, instance.Input, instance.ExecutionId) { Timestamp = Now }, Ms(instance.StartAt));
            return true;
        }, cancellationToken);
        _orchestrationWork.Pulse();
        _changes.Pulse();
    }

    public async Task<bool> SendAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken)
    {
        var sent = await WriteAsync(transaction => Enqueue(transaction, instanceId, null, message with { Timestamp = Now }, Ms(Now)) == 1, cancellationToken);
        if (sent)
        {
            _orchestrationWork.Pulse();
        }

        return sent;
    }

    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool includeData, CancellationToken cancellationToken)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {MetadataColumns} FROM instances WHERE instance_id = $id";
        command.Parameters.AddWithValue("$id", instanceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Metadata(reader, includeData) : null;
    }

    public async Task<IReadOnlyList<OrchestrationMetadata>> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        await using var connection = OpenReader();
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {MetadataColumns} FROM instances WHERE 1 = 1");
        if (query.Statuses is { Count: > 0 } statuses)
        {
            sql.Append(" AND runtime_status IN (").AppendJoin(", ", statuses.Select((_, i) => $"$s{i}")).Append(')');
            foreach (var (status, i) in statuses.Select((s, i) => (s, i)))
            {
                command.Parameters.AddWithValue($"$s{i}", status.ToString());
            }
        }

        void Filter(string condition, string name, object value)
        {
            sql.Append(" AND ").Append(condition);
            command.Parameters.AddWithValue(name, value);
        }

        if (query.CreatedFrom is { } from)
        {
            Filter("created_at >= $from", "$from", from.ToUnixTimeMilliseconds());
        }

        if (query.CreatedTo is { } to)
        {
            Filter("created_at <= $to", "$to", to.ToUnixTimeMilliseconds());
        }

        if (query.InstanceIdPrefix is { Length: > 0 } prefix)
        {
            Filter($"substr(instance_id, 1, {prefix.Length}) = $prefix", "$prefix", prefix);
        }

        if (query.ContinuationToken is { } after)
        {
            Filter("instance_id > $after", "$after", after);
        }

        command.CommandText = sql.Append(" ORDER BY instance_id LIMIT $limit").ToString();
        command.Parameters.AddWithValue("$limit", query.PageSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var instances = new List<OrchestrationMetadata>();
        while (await reader.ReadAsync(cancellationToken))
        {
            instances.Add(Metadata(reader, query.FetchInputsAndOutputs));
        }

        return instances;
    }

    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var purged = await WriteAsync(transaction =>
        {
            if (Scalar(transaction, "SELECT runtime_status FROM instances WHERE instance_id = $id", ("$id", instanceId)) is not string status
                || !StoredState.TerminalStatuses.Contains(status))
            {
                return false;
            }

            DeleteInstance(transaction, instanceId);
            return true;
        }, cancellationToken);
        if (purged)
        {
            _changes.Pulse();
        }

        return purged;
    }

    private void DeleteInstance(SqliteTransaction transaction, string instanceId) =>
        Execute(transaction,
            "DELETE FROM instances WHERE instance_id = $id; DELETE FROM history WHERE instance_id = $id; " +
            "DELETE FROM activities WHERE instance_id = $id; DELETE FROM inbox WHERE instance_id = $id;", ("$id", instanceId));

    /// <summary>Queues a message for an existing instance.</summary>
    /// <returns>1, or 0 when the instance does not exist.</returns>
    private int Enqueue(SqliteTransaction transaction, string instanceId, string? executionId, HistoryEvent message, long visibleAtMs) =>
        Execute(transaction,
            "INSERT INTO inbox (instance_id, execution_id, event_type, body, visible_at) SELECT $id, $execution, $type, $body, $visible " +
            "WHERE EXISTS (SELECT 1 FROM instances WHERE instance_id = $id)",
            ("$id", instanceId), ("$execution", executionId), ("$type", message.Kind), ("$body", HistoryJson.Serialize(message)), ("$visible", visibleAtMs));

    private static OrchestrationMetadata Metadata(SqliteDataReader reader, bool includeData) =>
        StoredState.Metadata(reader.GetString(0), reader.GetString(1), reader.GetString(2),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            includeData ? Text(reader, 5) : null, includeData ? Text(reader, 6) : null, includeData ? Text(reader, 7) : null, Text(reader, 8), reader.GetString(9));
}
