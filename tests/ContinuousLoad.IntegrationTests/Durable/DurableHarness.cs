using ContinuousLoad.Durable;
using ContinuousLoad.Durable.Client;
using ContinuousLoad.Durable.History;
using ContinuousLoad.Durable.Stores;
using ContinuousLoad.Durable.Stores.Postgres;
using ContinuousLoad.Durable.Stores.Sqlite;
using ContinuousLoad.Durable.Worker;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ContinuousLoad.IntegrationTests.Durable;

/// <summary>
/// A durable store of either kind, private to the test (a SQLite file in a scratch folder, or a
/// PostgreSQL schema named after the test, dropped before and after), with a client and workers.
/// </summary>
public sealed class DurableHarness : IAsyncDisposable
{
    public static readonly TheoryData<string> Kinds = ["sqlite", "postgres"];

    private readonly List<IDurableStore> _stores = [];
    private readonly List<DurableTaskWorker> _workers = [];
    private readonly TemporaryDirectory? _directory;
    private readonly string? _connectionString;
    private readonly string _schema;

    private DurableHarness(string kind, string? connectionString, string schema, TemporaryDirectory? directory)
    {
        Kind = kind;
        _connectionString = connectionString;
        _schema = schema;
        _directory = directory;
    }

    public string Kind { get; }

    public IDurableStore Store => _stores[0];

    public DurableTaskClient Client { get; private set; } = null!;

    public DurableTaskRegistry Registry { get; } = new();

    public static TimeSpan Patience => TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<DurableHarness> CreateAsync(string kind, PostgresServer postgres)
    {
        var schema = TestNames.ForCurrentTest("d", maxLength: 40);
        var harness = kind == "sqlite"
            ? new DurableHarness(kind, null, schema, new TemporaryDirectory())
            : new DurableHarness(kind, postgres.ConnectionString, schema, null);
        await harness.DropSchemaAsync();
        harness.Client = new DurableTaskClient(await harness.OpenStoreAsync());
        return harness;
    }

    /// <summary>Another store object on the same database, as another process would have.</summary>
    public async Task<IDurableStore> OpenStoreAsync()
    {
        IDurableStore store = Kind == "sqlite"
            ? new SqliteDurableStore(_directory!.Combine("durable.db"))
            : new PostgresDurableStore(_connectionString!, _schema);
        await store.InitializeAsync(Token);
        _stores.Add(store);
        return store;
    }

    /// <summary>Starts a worker running the registry's orchestrators and activities.</summary>
    public async Task<DurableTaskWorker> StartWorkerAsync(DurableTaskWorkerOptions? options = null, IDurableStore? store = null)
    {
        var worker = new DurableTaskWorker(store ?? Store, Registry, new ServiceCollection().BuildServiceProvider(),
            options ?? new DurableTaskWorkerOptions { MaxPollingInterval = TimeSpan.FromMilliseconds(500) }, NullLoggerFactory.Instance);
        await worker.StartAsync(Token);
        _workers.Add(worker);
        return worker;
    }

    public async Task StopWorkerAsync(DurableTaskWorker worker)
    {
        await worker.StopAsync(CancellationToken.None);
        _workers.Remove(worker);
    }

    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(Patience);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Polls until the instance's custom status satisfies <paramref name="done"/>; fails if the instance ends first.</summary>
    public async Task WaitForCustomStatusAsync(string instanceId, Func<string?, bool> done)
    {
        while (true)
        {
            var instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, Token);
            Assert.NotNull(instance);
            if (done(instance.SerializedCustomStatus))
            {
                return;
            }

            Assert.True(instance.IsRunning, $"{instanceId} ended: {instance.RuntimeStatus} {instance.FailureDetails?.ErrorMessage}");
            await Task.Delay(TimeSpan.FromMilliseconds(50), Token);
        }
    }

    /// <summary>Runs an orchestrator to its end and returns the finished instance.</summary>
    public async Task<OrchestrationMetadata> RunAsync(TaskName name, object? input = null, string? instanceId = null) =>
        await CompletionAsync(await Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId), Token));

    /// <summary>How a worker process (tests/ContinuousLoad.DurableWorker) reaches this store.</summary>
    public string[] WorkerArguments(TimeSpan lease) =>
        Kind == "sqlite"
            ? ["sqlite", _directory!.Combine("durable.db"), lease.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            : ["postgres", _connectionString!, _schema, lease.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>The stored history of an instance's current execution, in order.</summary>
    public async Task<List<HistoryEvent>> HistoryAsync(string instanceId)
    {
        var bodies = new List<string>();
        if (Kind == "sqlite")
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_directory!.Combine("durable.db")}");
            await connection.OpenAsync(Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT body FROM history WHERE instance_id = $id ORDER BY seq";
            command.Parameters.AddWithValue("$id", instanceId);
            await using var reader = await command.ExecuteReaderAsync(Token);
            while (await reader.ReadAsync(Token))
            {
                bodies.Add(reader.GetString(0));
            }
        }
        else
        {
            await using var pg = new NpgsqlConnection(_connectionString);
            await pg.OpenAsync(Token);
            await using var command = new NpgsqlCommand($"SELECT body FROM {_schema}.history WHERE instance_id = $1 ORDER BY seq", pg) { Parameters = { new() { Value = instanceId } } };
            await using var reader = await command.ExecuteReaderAsync(Token);
            while (await reader.ReadAsync(Token))
            {
                bodies.Add(reader.GetString(0));
            }
        }

        return [.. bodies.Select(HistoryJson.Deserialize)];
    }

    /// <summary>Counts rows of a store table (SQLite file or PostgreSQL schema).</summary>
    public async Task<long> CountAsync(string table, string where = "true")
    {
        if (Kind == "sqlite")
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_directory!.Combine("durable.db")}");
            await connection.OpenAsync(Token);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM {table} WHERE {where}";
            return (long)(await command.ExecuteScalarAsync(Token))!;
        }

        await using var pg = new NpgsqlConnection(_connectionString);
        await pg.OpenAsync(Token);
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {_schema}.{table} WHERE {where}", pg);
        return (long)(await count.ExecuteScalarAsync(Token))!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.StopAsync(CancellationToken.None);
            worker.Dispose();
        }

        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await DropSchemaAsync();
        _directory?.Dispose();
    }

    private async Task DropSchemaAsync()
    {
        if (_connectionString is null)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
