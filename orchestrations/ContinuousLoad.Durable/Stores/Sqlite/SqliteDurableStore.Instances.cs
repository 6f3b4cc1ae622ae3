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
        await WriteAsync((connection, transaction) =>
        {
            if (Scalar(connection, transaction, "SELECT runtime_status FROM instances WHERE instance_id = $id", ("$id", instance.InstanceId)) is string status)
            {
                if (!StoredState.TerminalStatuses.Contains(status))
                {
                    throw new InstanceExistsException(instance.InstanceId);
                }

                DeleteInstance(connection, transaction, instance.InstanceId);
            }

            var now = Ms(Now);
            Execute(connection, transaction,
                "INSERT INTO instances (instance_id, execution_id, name, runtime_status, created_at, last_updated_at, input) " +
                "VALUES ($id, $execution, $name, 'Pending', $now, $now, $input)",
                ("$id", instance.InstanceId), ("$execution", instance.ExecutionId), ("$name", instance.Name), ("$now", now), ("$input", instance.Input));
            Enqueue(connection, transaction, instance.InstanceId, instance.ExecutionId,
                new ExecutionStartedEvent(instance.Name, instance.Input, instance.ExecutionId) { Timestamp = Now }, instance.StartAt);
            return true;
        }, cancellationToken);
        _work.Pulse();
        _changes.Pulse();
    }

    public async Task<bool> SendAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken)
    {
        var sent = await WriteAsync((connection, transaction) =>
            Scalar(connection, transaction, "SELECT 1 FROM instances WHERE instance_id = $id", ("$id", instanceId)) is not null
            && Enqueue(connection, transaction, instanceId, null, message with { Timestamp = Now }, Now) == 1, cancellationToken);
        if (sent)
        {
            _work.Pulse();
        }

        return sent;
    }

    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool includeData, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        using var command = Command(connection, null, $"SELECT {MetadataColumns} FROM instances WHERE instance_id = $id", ("$id", instanceId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Metadata(reader, includeData) : null;
    }

    public async Task<IReadOnlyList<OrchestrationMetadata>> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {MetadataColumns} FROM instances WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        if (query.Statuses is { Count: > 0 } statuses)
        {
            sql.Append(" AND runtime_status IN (").AppendJoin(", ", statuses.Select((s, i) => $"$s{i}")).Append(')');
            parameters.AddRange(statuses.Select((s, i) => ($"$s{i}", (object?)s.ToString())));
        }

        if (query.CreatedFrom is { } from)
        {
            sql.Append(" AND created_at >= $from");
            parameters.Add(("$from", from.ToUnixTimeMilliseconds()));
        }

        if (query.CreatedTo is { } to)
        {
            sql.Append(" AND created_at <= $to");
            parameters.Add(("$to", to.ToUnixTimeMilliseconds()));
        }

        if (query.InstanceIdPrefix is { Length: > 0 } prefix)
        {
            sql.Append(" AND substr(instance_id, 1, $prefixLength) = $prefix");
            parameters.Add(("$prefixLength", prefix.Length));
            parameters.Add(("$prefix", prefix));
        }

        if (query.ContinuationToken is { } after)
        {
            sql.Append(" AND instance_id > $after");
            parameters.Add(("$after", after));
        }

        sql.Append(" ORDER BY instance_id LIMIT $limit");
        parameters.Add(("$limit", query.PageSize));
        await using var connection = Open();
        using var command = Command(connection, null, sql.ToString(), [.. parameters]);
        using var reader = command.ExecuteReader();
        var instances = new List<OrchestrationMetadata>();
        while (reader.Read())
        {
            instances.Add(Metadata(reader, query.FetchInputsAndOutputs));
        }

        return instances;
    }

    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var purged = await WriteAsync((connection, transaction) =>
        {
            if (Scalar(connection, transaction, "SELECT runtime_status FROM instances WHERE instance_id = $id", ("$id", instanceId)) is not string status
                || !StoredState.TerminalStatuses.Contains(status))
            {
                return false;
            }

            DeleteInstance(connection, transaction, instanceId);
            return true;
        }, cancellationToken);
        if (purged)
        {
            _changes.Pulse();
        }

        return purged;
    }

    private static void DeleteInstance(SqliteConnection connection, SqliteTransaction transaction, string instanceId)
    {
        foreach (var table in new[] { "instances", "history", "activities", "inbox" })
        {
            Execute(connection, transaction, $"DELETE FROM {table} WHERE instance_id = $id", ("$id", instanceId));
        }
    }

    private static int Enqueue(SqliteConnection connection, SqliteTransaction transaction, string instanceId, string? executionId, HistoryEvent message,
        DateTime visibleAt) =>
        Execute(connection, transaction,
            "INSERT INTO inbox (instance_id, execution_id, event_type, body, visible_at) VALUES ($id, $execution, $type, $body, $visible)",
            ("$id", instanceId), ("$execution", executionId), ("$type", message.Kind), ("$body", HistoryJson.Serialize(message)), ("$visible", Ms(visibleAt)));

    private static OrchestrationMetadata Metadata(SqliteDataReader reader, bool includeData) =>
        StoredState.Metadata(reader.GetString(0), reader.GetString(1), reader.GetString(2),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            includeData ? Text(reader, 5) : null, includeData ? Text(reader, 6) : null, includeData ? Text(reader, 7) : null, Text(reader, 8), reader.GetString(9));

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

}
