using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Changes;
using ContinuousLoad.Sources.Postgres.Replication;
using ContinuousLoad.Sources.Postgres.Streaming;
using ContinuousLoad.Testing;
using Npgsql;

namespace ContinuousLoad.IntegrationTests.Sources.Postgres;

/// <summary>
/// A test's objects on a PostgreSQL server: names derived from the test, and a cleanup (before and after)
/// of its tables, types, slots, publications and roles — slots first, terminating their readers.
/// </summary>
internal sealed class PostgresScope : IAsyncDisposable
{
    private readonly List<string> _slots = [];
    private readonly List<string> _publications = [];
    private readonly List<string> _drops = [];

    private PostgresScope(string connectionString, string name)
    {
        ConnectionString = connectionString;
        Name = name;
        OwnerId = "test:" + name;
    }

    public string ConnectionString { get; }

    /// <summary>Lower-case, test-derived, short enough to take suffixes and stay an identifier.</summary>
    public string Name { get; }

    public string OwnerId { get; }

    public static async Task<PostgresScope> CreateAsync(string connectionString, CancellationToken cancellationToken)
    {
        var scope = new PostgresScope(connectionString, TestNames.ForCurrentTest("pg", maxLength: 40));
        scope.TrackSlot(ReplicationNames.SlotFor(scope.OwnerId));
        scope.TrackPublication(ReplicationNames.PublicationFor(scope.OwnerId));
        await scope.CleanAsync(cancellationToken);
        return scope;
    }

    public TableName Table(string suffix = "") => new("public", Name + suffix);

    public string TrackSlot(string slot)
    {
        _slots.Add(slot);
        return slot;
    }

    public string TrackPublication(string publication)
    {
        _publications.Add(publication);
        return publication;
    }

    /// <summary>A statement to run at cleanup after slots and publications (DROP TABLE ..., DROP TYPE ...).</summary>
    public void DropAtCleanup(string sql) => _drops.Add(sql);

    public PostgresSource Source(IReadOnlyList<TableName> tables, ChangeStreamOptions? stream = null, ReplicationTarget? target = null) =>
        new(new PostgresSourceOptions(ConnectionString, tables, target ?? ReplicationTarget.ForOwner(OwnerId)) { Stream = stream ?? new ChangeStreamOptions() });

    /// <summary>
    /// Runs <paramref name="sql"/> with the default <c>synchronous_commit</c> (the test server turns it off): its commits
    /// are flushed before it returns, so a slot peek sees them at once, as it would on a server as users run it.
    /// </summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Options = "-c synchronous_commit=on" }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Reads the stream from <paramref name="start"/> until <paramref name="done"/> says so, acknowledging each commit.</summary>
    public static async Task<List<SourceChange<PgPoint>>> CollectAsync(ChangeStream stream, Lsn? start, Func<List<SourceChange<PgPoint>>, bool> done, CancellationToken cancellationToken)
    {
        var changes = new List<SourceChange<PgPoint>>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(TimeSpan.FromSeconds(60));
        await foreach (var change in stream.ReadAsync(start, stop.Token))
        {
            changes.Add(change);
            if (change is TransactionCommit<PgPoint> commit)
            {
                stream.Acknowledge(commit.Position.Lsn);
                if (done(changes))
                {
                    break;
                }
            }
        }

        return changes;
    }

    public ValueTask DisposeAsync() => new(CleanAsync(CancellationToken.None));

    private async Task CleanAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var slot in _slots)
        {
            await using var terminate = new NpgsqlCommand(
                "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = $1 AND active_pid IS NOT NULL", connection)
            {
                Parameters = { new() { Value = slot } },
            };
            await terminate.ExecuteNonQueryAsync(cancellationToken);
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await using var drop = new NpgsqlCommand(
                        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1", connection)
                    {
                        Parameters = { new() { Value = slot } },
                    };
                    await drop.ExecuteNonQueryAsync(cancellationToken);
                    break;
                }
                catch (PostgresException e) when (e.SqlState == "55006" && attempt < 50)
                {
                    await Task.Delay(100, cancellationToken); // the terminated reader is still letting go
                }
            }
        }

        foreach (var sql in _publications.Select(p => $"DROP PUBLICATION IF EXISTS {TableName.QuoteIdentifier(p)}").Concat(_drops)
                     .Append($"DROP TABLE IF EXISTS {string.Join(", ", new[] { "", "_other", "_b" }.Select(s => Table(s).Quoted))} CASCADE"))
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
