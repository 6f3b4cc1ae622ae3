using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Postgres;
using ContinuousLoad.Tables.Sqlite;
using ContinuousLoad.Tables.Statements;
using ContinuousLoad.Tables.Storage;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Tables;

/// <summary>
/// A table store of either kind with a fresh database named after the test, plus helpers to run SQL
/// and read answers as text. The database is dropped before and after.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public static readonly TheoryData<string> Kinds = ["sqlite", "postgres"];

    private readonly TemporaryDirectory? _directory;
    private readonly PrivatePostgresDatabase? _catalog;

    private TestStore(ITableStore store, string database, TemporaryDirectory? directory, PrivatePostgresDatabase? catalog)
    {
        Store = store;
        Database = database;
        _directory = directory;
        _catalog = catalog;
        Executor = new SqlStatementExecutor(store);
        Session = new SessionContext(database, new EvaluationContext(TimeZoneInfo.Utc, new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc)));
    }

    public ITableStore Store { get; }

    public SqlStatementExecutor Executor { get; }

    public string Database { get; }

    public SessionContext Session { get; private set; }

    /// <param name="ownCatalog">
    /// For PostgreSQL, a catalog in a PostgreSQL database of the test's own rather than the shared one: for
    /// tests that act on every label of the store (sweeps), which would reach other tests' labels.
    /// </param>
    public static async Task<TestStore> CreateAsync(string kind, PostgresServer postgres, string? suffix = null, bool ownCatalog = false)
    {
        var database = TestNames.ForCurrentTest("db", maxLength: 40) + (suffix ?? "");
        TemporaryDirectory? directory = null;
        PrivatePostgresDatabase? catalog = null;
        ITableStore store;
        if (kind == "sqlite")
        {
            directory = new TemporaryDirectory();
            store = new SqliteTableStore(directory.Path);
        }
        else
        {
            catalog = ownCatalog ? await PrivatePostgresDatabase.CreateAsync(postgres, TestNames.ForCurrentTest("catalog", maxLength: 40), TestContext.Current.CancellationToken) : null;
            store = await PostgresTableStore.OpenAsync(catalog?.ConnectionString ?? postgres.ConnectionString, TestContext.Current.CancellationToken);
        }

        await store.DropDatabaseAsync(database, ifExists: true, TestContext.Current.CancellationToken);
        await store.CreateDatabaseAsync(database, ifNotExists: false, TestContext.Current.CancellationToken);
        return new TestStore(store, database, directory, catalog);
    }

    public TestStore InZone(string zone)
    {
        Session = Session with { Evaluation = new EvaluationContext(EvaluationContext.FindTimeZone(zone)!, Session.Evaluation.StatementStartUtc) };
        return this;
    }

    /// <summary>Runs statements in order; a result set is read and discarded.</summary>
    public async Task Sql(params string[] statements)
    {
        foreach (var statement in statements)
        {
            if (await Executor.ExecuteAsync(statement, Session, TestContext.Current.CancellationToken) is RowsResult rows)
            {
                await using var result = rows.Rows;
                await foreach (var _ in result.Rows)
                {
                }
            }
        }
    }

    public async Task<ExecResult> Exec(string statement) =>
        (ExecResult)await Executor.ExecuteAsync(statement, Session, TestContext.Current.CancellationToken);

    /// <summary>Runs a query and shows each value as Doris prints it (NULL as "NULL").</summary>
    public async Task<List<string[]>> Rows(string query) => (await Result(query)).Rows;

    public async Task<(List<string> Columns, List<string> Types, List<string[]> Rows)> Result(string query)
    {
        var rows = (RowsResult)await Executor.ExecuteAsync(query, Session, TestContext.Current.CancellationToken);
        await using var result = rows.Rows;
        var shown = new List<string[]>();
        await foreach (var row in result.Rows)
        {
            shown.Add([.. row.Select((value, i) => Show(value, result.Columns[i].Type))]);
        }

        return ([.. result.Columns.Select(c => c.Name)], [.. result.Columns.Select(c => c.Type.ToString())], shown);
    }

    public static string Show(SqlValue value, DataType type) =>
        value.IsNull ? "NULL" : SqlValueFormat.ToText(value, type.Kind == TypeKind.DateTime ? type.Precision : -1);

    public async Task<Exception> Fails(string statement) =>
        await Assert.ThrowsAnyAsync<Exception>(() => Executor.ExecuteAsync(statement, Session, TestContext.Current.CancellationToken));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Store.DropDatabaseAsync(Database, ifExists: true, CancellationToken.None);
        }
        finally
        {
            await Store.DisposeAsync();
            _directory?.Dispose();
            if (_catalog is not null)
            {
                await _catalog.DisposeAsync();
            }
        }
    }
}
