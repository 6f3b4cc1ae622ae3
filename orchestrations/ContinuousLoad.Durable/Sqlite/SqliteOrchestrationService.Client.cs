using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Durable.Sqlite;

/// <summary>The client side: create, message, watch, query and purge instances.</summary>
public sealed partial class SqliteOrchestrationService : IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    private const string StateColumns = """
        instance_id, execution_id, name, version, status, created_at, last_updated_at, completed_at, input, output, custom_status, failure, parent, tags
        """;

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => CreateTaskOrchestrationAsync(creationMessage, null!);

    /// <exception cref="OrchestrationAlreadyExistsException">
    /// The instance exists in one of <paramref name="dedupeStatuses"/> (without them: in any state but a finished one).
    /// </exception>
    public async Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses)
    {
        var started = (ExecutionStartedEvent)creationMessage.Event;
        await _database.WriteAsync(transaction => CreateInstance(transaction, creationMessage, started, NowMs, dedupeStatuses));
        _orchestrationWork.Pulse();
        _changes.Pulse();
    }

    /// <summary>A new instance, or a finished one started afresh (its history and leftovers removed).</summary>
    private bool CreateInstance(SqliteDatabase.Transaction transaction, TaskMessage message, ExecutionStartedEvent started, long now,
        OrchestrationStatus[]? dedupeStatuses)
    {
        var instance = message.OrchestrationInstance;
        if (transaction.Scalar("SELECT status FROM instances WHERE instance_id = $id", ("$id", instance.InstanceId)) is string existing)
        {
            var status = Enum.Parse<OrchestrationStatus>(existing);
            if (dedupeStatuses?.Contains(status) ?? !TerminalStatuses.Contains(existing))
            {
                throw new OrchestrationAlreadyExistsException($"An orchestration with instance ID '{instance.InstanceId}' already exists ({existing}).");
            }

            foreach (var table in new[] { "history", "messages", "tasks", "instances" })
            {
                transaction.Execute($"DELETE FROM {table} WHERE instance_id = $id", ("$id", instance.InstanceId));
            }
        }

        transaction.Execute("""
            INSERT INTO instances (instance_id, execution_id, name, version, status, created_at, last_updated_at, input, parent, tags)
            VALUES ($id, $execution, $name, $version, 'Pending', $now, $now, $input, $parent, $tags)
            """,
            ("$id", instance.InstanceId), ("$execution", instance.ExecutionId), ("$name", started.Name ?? ""), ("$version", started.Version),
            ("$now", now), ("$input", started.Input), ("$parent", started.ParentInstance is null ? null : CoreJson.Write(started.ParentInstance)),
            ("$tags", started.Tags is null ? null : CoreJson.Write(started.Tags)));
        AddMessage(transaction, message, started.ScheduledStartTime is { } at ? Math.Max(now, UnixMs.Ceiling(at)) : now);
        return true;
    }

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => SendTaskOrchestrationMessageBatchAsync(message);

    public async Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        await _database.WriteAsync(transaction =>
        {
            foreach (var message in messages)
            {
                Deliver(transaction, message, NowMs);
            }

            return true;
        });
        _orchestrationWork.Pulse();
    }

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) =>
        SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = new ExecutionTerminatedEvent(-1, reason),
        });

    /// <returns>The instance once it has finished, or null when <paramref name="timeout"/> passes first.</returns>
    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Deadline(timeout);
        var wait = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var changed = _changes.Next;
            if (await GetOrchestrationStateAsync(instanceId, executionId) is { } state
                && TerminalStatuses.Contains(state.OrchestrationStatus.ToString()))
            {
                return state;
            }

            if (Now >= deadline)
            {
                return null!;
            }

            // Changes here are signalled; another process's are found by polling, less often the longer it takes.
            await Task.WhenAny(changed, Task.Delay(wait, _clock, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            wait = wait * 2 < _options.MaxPollingInterval ? wait * 2 : _options.MaxPollingInterval;
        }
    }

    public async Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) =>
        await GetOrchestrationStateAsync(instanceId, (string?)null) is { } state ? [state] : [];

    /// <returns>The instance's current execution, or null when there is none (or <paramref name="executionId"/> is not it).</returns>
    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string? executionId) =>
        _database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {StateColumns} FROM instances WHERE instance_id = $id";
            command.Parameters.AddWithValue("$id", instanceId);
            using var reader = command.ExecuteReader();
            return reader.Read() && (executionId is null || reader.GetString(1) == executionId) ? State(reader, inputsAndOutputs: true) : null!;
        });

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) =>
        _database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT h.event FROM history h JOIN instances i ON i.instance_id = h.instance_id AND i.execution_id = h.execution_id
                WHERE h.instance_id = $id AND ($execution IS NULL OR h.execution_id = $execution) ORDER BY h.sequence
                """;
            command.Parameters.AddWithValue("$id", instanceId);
            command.Parameters.AddWithValue("$execution", (object?)executionId ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            var events = new List<string>();
            while (reader.Read())
            {
                events.Add(reader.GetString(0));
            }

            return "[" + string.Join(",", events) + "]";
        });

    /// <summary>Pages through instances in id order: the continuation token is the last id of the page before.</summary>
    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        _database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            var statuses = query.RuntimeStatus?.Select(s => s.ToString()).ToList() ?? [];
            command.CommandText = $"""
                SELECT {StateColumns} FROM instances
                WHERE instance_id > $after AND ($prefix IS NULL OR substr(instance_id, 1, length($prefix)) = $prefix)
                  AND ($from IS NULL OR created_at >= $from) AND ($to IS NULL OR created_at <= $to)
                  {(statuses.Count == 0 ? "" : $"AND status IN ({string.Join(", ", statuses.Select((_, i) => $"$s{i}"))})")}
                ORDER BY instance_id LIMIT $limit
                """;
            command.Parameters.AddWithValue("$after", query.ContinuationToken ?? "");
            command.Parameters.AddWithValue("$prefix", (object?)query.InstanceIdPrefix ?? DBNull.Value);
            command.Parameters.AddWithValue("$from", query.CreatedTimeFrom is { } from ? UnixMs.Of(from) : DBNull.Value);
            command.Parameters.AddWithValue("$to", query.CreatedTimeTo is { } to ? UnixMs.Of(to) : DBNull.Value);
            command.Parameters.AddWithValue("$limit", query.PageSize > 0 ? query.PageSize : 100);
            for (var i = 0; i < statuses.Count; i++)
            {
                command.Parameters.AddWithValue($"$s{i}", statuses[i]);
            }

            using var reader = command.ExecuteReader();
            var states = new List<OrchestrationState>();
            while (reader.Read())
            {
                states.Add(State(reader, query.FetchInputsAndOutputs));
            }

            var pageSize = query.PageSize > 0 ? query.PageSize : 100;
            return new OrchestrationQueryResult(states, states.Count == pageSize ? states[^1].OrchestrationInstance.InstanceId : null);
        }, cancellationToken);

    /// <summary>Removes a finished instance with everything it left; a running one stays (terminate it first).</summary>
    public async Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) =>
        new(await _database.WriteAsync(transaction => Purge(transaction, "instance_id = $id", ("$id", instanceId))));

    public async Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter)
    {
        var statuses = (purgeInstanceFilter.RuntimeStatus ?? []).Select(s => s.ToString()).Where(TerminalStatuses.Contains).ToList();
        var filter = $"created_at >= $from AND ($to IS NULL OR created_at <= $to){(statuses.Count == 0 ? "" : $" AND status IN ({string.Join(", ", statuses.Select(s => $"'{s}'"))})")}";
        return new(await _database.WriteAsync(transaction => Purge(transaction, filter,
            ("$from", UnixMs.Of(purgeInstanceFilter.CreatedTimeFrom)),
            ("$to", purgeInstanceFilter.CreatedTimeTo is { } to ? UnixMs.Of(to) : null))));
    }

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType)
    {
        var column = timeRangeFilterType switch
        {
            OrchestrationStateTimeRangeFilterType.OrchestrationCreatedTimeFilter => "created_at",
            OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter => "completed_at",
            _ => "last_updated_at",
        };
        return _database.WriteAsync(transaction => Purge(transaction, $"{column} < $threshold", ("$threshold", UnixMs.Of(thresholdDateTimeUtc))));
    }

    private static int Purge(SqliteDatabase.Transaction transaction, string filter, params (string, object?)[] parameters)
    {
        var terminal = string.Join(", ", TerminalStatuses.Select(s => $"'{s}'"));
        var ids = transaction.Rows($"SELECT instance_id FROM instances WHERE status IN ({terminal}) AND {filter}", r => r.GetString(0), parameters);
        foreach (var id in ids)
        {
            foreach (var table in new[] { "history", "messages", "tasks", "instances" })
            {
                transaction.Execute($"DELETE FROM {table} WHERE instance_id = $id", ("$id", id));
            }
        }

        return ids.Count;
    }

    private static OrchestrationState State(SqliteDataReader reader, bool inputsAndOutputs)
    {
        string? Column(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        return new OrchestrationState
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = reader.GetString(0), ExecutionId = reader.GetString(1) },
            Name = reader.GetString(2),
            Version = Column(3),
            OrchestrationStatus = Enum.Parse<OrchestrationStatus>(reader.GetString(4)),
            CreatedTime = UnixMs.ToUtc(reader.GetInt64(5)),
            LastUpdatedTime = UnixMs.ToUtc(reader.GetInt64(6)),
            CompletedTime = reader.IsDBNull(7) ? DateTime.MinValue : UnixMs.ToUtc(reader.GetInt64(7)),
            Input = inputsAndOutputs ? Column(8) : null,
            Output = inputsAndOutputs ? Column(9) : null,
            Status = inputsAndOutputs ? Column(10) : null,
            FailureDetails = CoreJson.Read<FailureDetails>(Column(11)),
            ParentInstance = CoreJson.Read<ParentInstance>(Column(12)),
            // Never null: the sidecar copies the tags into its answer and cannot copy nothing.
            Tags = CoreJson.Read<Dictionary<string, string>>(Column(13)) ?? [],
        };
    }
}
