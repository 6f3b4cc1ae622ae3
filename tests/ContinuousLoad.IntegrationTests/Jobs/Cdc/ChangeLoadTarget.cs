using ContinuousLoad.Ingest.ErrorLogs;
using ContinuousLoad.Ingest.Loading;
using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Jobs.Sources.Cdc;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Tables.Postgres;
using ContinuousLoad.Tables.Sqlite;
using ContinuousLoad.Tables.Storage;
using ContinuousLoad.Tables.Statements;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Jobs.Cdc;

/// <summary>
/// A UNIQUE KEY table <c>copy.items</c> keyed by <c>id</c> in a table store of the test's own (embedded SQLite, or
/// a PostgreSQL database of its own), loaded
/// with change rows through the Stream Load engine as a CDC job loads them (JSON-style fields by name,
/// the delete sign, strict mode, a WHERE whose misses delete), and read back a row per line.
/// </summary>
internal sealed class ChangeLoadTarget : IAsyncDisposable
{
    public static readonly TheoryData<string> Stores = ["sqlite", "postgres"];

    private readonly TemporaryDirectory _directory;
    private readonly ITableStore _store;
    private readonly PrivatePostgresDatabase? _database;
    private readonly SqlStatementExecutor _executor;
    private readonly SessionContext _session = new("copy", new EvaluationContext(TimeZoneInfo.Utc, DateTime.UtcNow));
    private readonly string _columns;

    private ChangeLoadTarget(string columns, TemporaryDirectory directory, ITableStore store, PrivatePostgresDatabase? database)
    {
        _columns = columns;
        _directory = directory;
        _store = store;
        _database = database;
        _executor = new SqlStatementExecutor(_store);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <param name="store"><c>sqlite</c> or <c>postgres</c>.</param>
    /// <param name="columns">The columns loaded and read back, in order.</param>
    public static async Task<ChangeLoadTarget> CreateAsync(string store, PostgresServer postgres, string createTable, string columns)
    {
        var directory = new TemporaryDirectory();
        var database = store == "sqlite" ? null : await PrivatePostgresDatabase.CreateAsync(postgres, TestNames.ForCurrentTest("cdc", maxLength: 40), Token);
        ITableStore tables = database is null
            ? new SqliteTableStore(directory.Combine("tables"))
            : await PostgresTableStore.OpenAsync(database.ConnectionString, Token);
        var target = new ChangeLoadTarget(columns, directory, tables, database);
        await target._executor.ExecuteAsync("CREATE DATABASE copy", target._session, Token);
        await target._executor.ExecuteAsync(createTable, target._session, Token);
        return target;
    }

    /// <param name="where">The job's WHERE over source columns: a change it does not select deletes its key.</param>
    /// <param name="mapping">The load's <c>columns</c> (with derived ones); by default the columns read back.</param>
    public async Task<LoadResult> LoadAsync<TPosition>(IReadOnlyList<SourceChange<TPosition>> changes, string label, string? where = null, string? mapping = null)
    {
        var options = LoadOptionsParser.Parse(name => name switch
        {
            "format" => "json",
            "columns" => (mapping ?? _columns) + ", __DORIS_DELETE_SIGN__",
            "strict_mode" => "true",
            "where" => where,
            _ => null,
        }) with { Label = label, WhereOverSource = true, ChangeData = true };
        return await new TableLoader(_store, new ErrorLogFolder(_directory.Combine("errors"))).LoadAsync(
            new LoadRequest("copy", "items", options, One(LoadBody.OfRows((names, _) => new ChangeRowSource<TPosition>(Stream(changes), names, ["id"], TimeZoneInfo.Utc)))),
            TimeZoneInfo.Utc, Token);
    }

    public async Task<List<string>> RowsAsync()
    {
        await using var result = ((RowsResult)await _executor.ExecuteAsync($"SELECT {_columns} FROM items ORDER BY id", _session, Token)).Rows;
        var rows = new List<string>();
        await foreach (var row in result.Rows.WithCancellation(Token))
        {
            rows.Add(string.Join("|", row.Select(v => v.ToString())));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _directory.Dispose();
    }

    private static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    private static async IAsyncEnumerable<LoadBody> One(LoadBody body)
    {
        await Task.Yield();
        yield return body;
    }
}
