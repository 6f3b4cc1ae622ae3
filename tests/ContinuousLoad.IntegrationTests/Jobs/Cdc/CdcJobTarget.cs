using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Jobs.Cdc;

/// <summary>
/// A host of the test's own with a database to run CDC jobs into, in either table store (embedded SQLite, or
/// a PostgreSQL database of its own), and the comparison of a target table with its source.
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

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <param name="store"><c>sqlite</c> or <c>postgres</c>.</param>
    public static async Task<CdcJobTarget> StartAsync(string store, PostgresServer postgres, AzuriteServer azurite)
    {
        var database = TestNames.ForCurrentTest("cdc", maxLength: 40);
        var tables = store == "postgres" ? await PrivatePostgresDatabase.CreateAsync(postgres, database, Token) : null;
        var durable = JobBackend.Create("sqlite", azurite, tables is null ? null : new Dictionary<string, string?>
        {
            ["ContinuousLoad:Tables:Store"] = "postgres",
            ["ContinuousLoad:Tables:ConnectionString"] = tables.ConnectionString,
        });
        var host = await InProcessHost.StartAsync(durable.Settings);
        var sql = new JobSql(host.Client, database);
        await sql.RunAsync($"CREATE DATABASE {database}");
        return new CdcJobTarget(database, sql, host, durable, tables);
    }

    /// <summary>Waits (up to 30 s) until <paramref name="query"/> on the target gives the source's rows; if it never does, shows where they differ.</summary>
    /// <param name="sourceRows">The source's rows as the target should hold them, each as comma-joined values.</param>
    public async Task UntilEqualAsync(string query, Func<Task<List<string>>> sourceRows)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await RowsAsync(query)).SequenceEqual(await sourceRows()) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, Token);
        }

        Assert.Equal(await sourceRows(), await RowsAsync(query));
    }

    /// <summary>The rows of <paramref name="query"/> (which orders them), a page at a time: the query endpoint answers at most 1,000 rows.</summary>
    public async Task<List<string>> RowsAsync(string query)
    {
        var rows = new List<string>();
        for (var offset = 0; ; offset += 1000)
        {
            var page = await Sql.RunAsync($"{query} LIMIT 1000 OFFSET {offset}");
            rows.AddRange(page.Select(r => string.Join(",", r.Select(JobSql.Text))));
            if (page.Count < 1000)
            {
                return rows;
            }
        }
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
