using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Jobs.Cdc;

/// <summary>
/// A host of the test's own with a database to run CDC jobs into, in either table store (embedded SQLite, or
/// a PostgreSQL database of its own).
/// </summary>
internal sealed class CdcJobTarget : IAsyncDisposable
{
    private readonly InProcessHost _host;
    private readonly JobBackend _durable;
    private readonly PrivatePostgresDatabase? _tables;

    private CdcJobTarget(string database, JobSql sql, InProcessHost host, JobBackend durable, PrivatePostgresDatabase? tables)
    {
        Database = database;
        Sql = sql;
        _host = host;
        _durable = durable;
        _tables = tables;
    }

    public string Database { get; }

    public JobSql Sql { get; }

    /// <summary>The target database of the running test (and, in the PostgreSQL store, the name of the store's database).</summary>
    public static string DatabaseName => TestNames.ForCurrentTest("cdc", maxLength: 40);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <param name="store"><c>sqlite</c> or <c>postgres</c>.</param>
    /// <param name="settings">Host settings besides the fast job constants (a table store connection string given here is used as it is).</param>
    public static async Task<CdcJobTarget> StartAsync(string store, PostgresServer postgres, AzuriteServer azurite,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = DatabaseName;
        var tables = store == "postgres" ? await PrivatePostgresDatabase.CreateAsync(postgres, database, Token) : null;
        var extra = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (tables is not null)
        {
            extra["ContinuousLoad:Tables:Store"] = "postgres";
            extra.TryAdd("ContinuousLoad:Tables:ConnectionString", tables.ConnectionString);
        }

        var durable = JobBackend.Create("sqlite", azurite, extra);
        var host = await InProcessHost.StartAsync(durable.Settings);
        var sql = new JobSql(host.Client, database);
        await sql.RunAsync($"CREATE DATABASE {database}");
        return new CdcJobTarget(database, sql, host, durable, tables);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _durable.DisposeAsync();
        if (_tables is not null)
        {
            await _tables.DisposeAsync();
        }
    }
}
