using System.Text;
using ContinuousLoad.Durable.Client;
using ContinuousLoad.Durable.History;
using Npgsql;

namespace ContinuousLoad.Durable.Stores.Postgres;

/// <summary>The client's side: creating instances, sending them messages, reading and purging them.</summary>
public sealed partial class PostgresDurableStore
{
    private const string MetadataColumns =
        "name, instance_id, runtime_status, created_at, last_updated_at, input, output, custom_status, failure_details, execution_id";

    public async Task CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken) =>
        await WriteAsync(async connection =>
        {
            var status = await ScalarAsync(connection, "SELECT runtime_status FROM cl_durable.instances WHERE instance_id = $1 FOR UPDATE", cancellationToken,
                instance.InstanceId);
            if (status is string existing)
            {
                if (!StoredState.TerminalStatuses.Contains(existing))
                {
                    throw new InstanceExistsException(instance.InstanceId);
                }

                await DeleteInstanceAsync(connection, instance.InstanceId, cancellationToken);
            }

            try
            {
                await ExecuteAsync(connection,
                    "INSERT INTO cl_durable.instances (instance_id, execution_id, name, runtime_status, created_at, last_updated_at, input) " +
                    "VALUES ($1, $2, $3, 'Pending', now(), now(), $4::text)", cancellationToken,
                    instance.InstanceId, instance.ExecutionId, instance.Name, instance.Input);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw new InstanceExistsException(instance.InstanceId);
            }

            await EnqueueAsync(connection, instance.InstanceId, instance.ExecutionId,
                new ExecutionStartedEvent(instance.Name, instance.Input, instance.ExecutionId) { Timestamp = DateTime.UtcNow }, instance.StartAt, cancellationToken);
            await NotifyAsync(connection, orchestrations: true, changed: true, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<bool> SendAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken) =>
        WriteAsync(async connection =>
        {
            var sent = await EnqueueAsync(connection, instanceId, null, message, null, cancellationToken) == 1;
            if (sent)
            {
                await NotifyAsync(connection, orchestrations: true, changed: false, cancellationToken);
            }

            return sent;
        }, cancellationToken);

    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool includeData, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT {MetadataColumns} FROM cl_durable.instances WHERE instance_id = $1", [instanceId]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Metadata(reader, includeData) : null;
    }

    public async Task<IReadOnlyList<OrchestrationMetadata>> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {MetadataColumns} FROM cl_durable.instances WHERE true");
        var parameters = new List<object?>();
        string Next(object? value)
        {
            parameters.Add(value);
            return "$" + parameters.Count;
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            sql.Append($" AND runtime_status = ANY({Next(statuses.Select(s => s.ToString()).ToArray())})");
        }

        if (query.CreatedFrom is { } from)
        {
            sql.Append($" AND created_at >= {Next(from.UtcDateTime)}");
        }

        if (query.CreatedTo is { } to)
        {
            sql.Append($" AND created_at <= {Next(to.UtcDateTime)}");
        }

        if (query.InstanceIdPrefix is { Length: > 0 } prefix)
        {
            sql.Append($" AND left(instance_id, {Next(prefix.Length)}) = {Next(prefix)}");
        }

        if (query.ContinuationToken is { } after)
        {
            sql.Append($" AND instance_id COLLATE \"C\" > {Next(after)}");
        }

        sql.Append($" ORDER BY instance_id COLLATE \"C\" LIMIT {Next(query.PageSize)}");
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, sql.ToString(), [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var instances = new List<OrchestrationMetadata>();
        while (await reader.ReadAsync(cancellationToken))
        {
            instances.Add(Metadata(reader, query.FetchInputsAndOutputs));
        }

        return instances;
    }

    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        WriteAsync(async connection =>
        {
            if (await ScalarAsync(connection, "SELECT runtime_status FROM cl_durable.instances WHERE instance_id = $1 FOR UPDATE", cancellationToken, instanceId)
                    is not string status || !StoredState.TerminalStatuses.Contains(status))
            {
                return false;
            }

            await DeleteInstanceAsync(connection, instanceId, cancellationToken);
            await NotifyAsync(connection, orchestrations: false, changed: true, cancellationToken);
            return true;
        }, cancellationToken);

    private async Task DeleteInstanceAsync(NpgsqlConnection connection, string instanceId, CancellationToken cancellationToken)
    {
        foreach (var table in new[] { "instances", "history", "activities", "inbox" })
        {
            await ExecuteAsync(connection, $"DELETE FROM cl_durable.{table} WHERE instance_id = $1", cancellationToken, instanceId);
        }
    }

    /// <summary>Queues a message for an existing instance, visible at <paramref name="visibleAt"/> (null: now).</summary>
    /// <returns>1, or 0 when the instance does not exist.</returns>
    private Task<int> EnqueueAsync(NpgsqlConnection connection, string instanceId, string? executionId, HistoryEvent message, DateTime? visibleAt,
        CancellationToken cancellationToken) =>
        ExecuteAsync(connection,
            "INSERT INTO cl_durable.inbox (instance_id, execution_id, event_type, body, visible_at) " +
            "SELECT $1, $2::text, $3, $4, coalesce($5::timestamptz, now()) " +
            "WHERE EXISTS (SELECT 1 FROM cl_durable.instances WHERE instance_id = $1)",
            cancellationToken, instanceId, executionId, message.Kind, HistoryJson.Serialize(message.Timestamp == default ? message with { Timestamp = DateTime.UtcNow } : message),
            visibleAt);

    /// <summary>Wakes workers (and clients waiting on instances) in every process once the transaction commits.</summary>
    private IEnumerable<Statement> Notifications(bool orchestrations, bool activities, bool changed)
    {
        var channels = new[] { (orchestrations, OrchestrationChannel), (activities, ActivityChannel), (changed, ChangeChannel) };
        return channels.Where(c => c.Item1).Select(c => new Statement("NOTIFY " + c.Item2));
    }

    /// <summary>Wakes this process's waiters at once, without the round trip through the listening connection.</summary>
    private void Pulse(bool orchestrations, bool activities, bool changed)
    {
        if (orchestrations)
        {
            _orchestrationWork.Pulse();
        }

        if (activities)
        {
            _activityWork.Pulse();
        }

        if (changed)
        {
            _changes.Pulse();
        }
    }

    private async Task NotifyAsync(NpgsqlConnection connection, bool orchestrations, bool changed, CancellationToken cancellationToken)
    {
        foreach (var (sql, _) in Notifications(orchestrations, activities: false, changed))
        {
            await ExecuteAsync(connection, sql, cancellationToken);
        }
    }

    private static OrchestrationMetadata Metadata(NpgsqlDataReader reader, bool includeData) =>
        StoredState.Metadata(reader.GetString(0), reader.GetString(1), reader.GetString(2),
            new DateTimeOffset(reader.GetDateTime(3)), new DateTimeOffset(reader.GetDateTime(4)),
            includeData ? Text(reader, 5) : null, includeData ? Text(reader, 6) : null, includeData ? Text(reader, 7) : null, Text(reader, 8), reader.GetString(9));

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
