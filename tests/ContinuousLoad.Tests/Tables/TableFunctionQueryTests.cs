using ContinuousLoad.Sql;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Sqlite;
using ContinuousLoad.Tables.Statements;
using ContinuousLoad.Testing;

namespace ContinuousLoad.Tests.Tables;

/// <summary>SELECT over table functions: their rows read like a table, in memory, with stored-table semantics.</summary>
public sealed class TableFunctionQueryTests : IAsyncDisposable
{
    private const string People = "people(\"k\"=\"v\")";

    private readonly TemporaryDirectory _directory = new();
    private readonly SqliteTableStore _store;
    private readonly PeopleTableFunction _functions = new();
    private readonly SqlStatementExecutor _executor;
    private readonly SessionContext _session =
        new("db", new EvaluationContext(TimeZoneInfo.Utc, new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc)));

    public TableFunctionQueryTests()
    {
        _store = new SqliteTableStore(_directory.Path);
        _executor = new SqlStatementExecutor(_store, _functions);
    }

    [Fact(Timeout = 30_000)]
    public async Task Select_star_shows_every_column_and_row_with_its_type()
    {
        var (columns, types, rows) = await Result($"SELECT * FROM {People}");

        Assert.Equal(["id", "name", "city", "born", "score", "amount"], columns);
        Assert.Equal(["bigint", "varchar(20)", "text", "datetime", "int", "decimal(6,2)"], types);
        Assert.Equal(
        [
            ["1", "Alice", "Berlin", "2024-01-02 03:04:05", "90", "12.50"],
            ["2", "Bob", "NULL", "2023-12-31 23:59:59", "75", "9.75"],
            ["3", "Carol", "Paris", "NULL", "NULL", "100.00"],
            ["4", "dave", "Berlin", "2024-06-01 00:00:00", "60", "NULL"],
            ["5", "Émile", "Paris", "2024-01-02 03:04:06", "75", "2.00"],
        ], rows);
    }

    [Fact(Timeout = 30_000)]
    public async Task Projects_expressions()
    {
        var (columns, _, rows) = await Result(
            $"SELECT id * 10 AS x, concat(name, '@', coalesce(city, '-')), year(born), amount * 2 FROM {People} WHERE id <= 3 ORDER BY id");

        Assert.Equal(["x", "concat(name, '@', coalesce(city, '-'))", "year(born)", "amount * 2"], columns);
        Assert.Equal([["10", "Alice@Berlin", "2024", "25.00"], ["20", "Bob@-", "2023", "19.50"], ["30", "Carol@Paris", "NULL", "200.00"]], rows);
    }

    [Fact(Timeout = 30_000)]
    public async Task Filters_with_and_or_like_in_and_null_logic()
    {
        Assert.Equal([["1"], ["3"], ["5"]],
            await Rows($"SELECT id FROM {People} WHERE (city = 'Berlin' AND score > 70) OR name LIKE 'C%' OR id IN (5) ORDER BY id"));
        Assert.Equal([["2"], ["4"]], await Rows($"SELECT id FROM {People} WHERE city IS NULL OR amount IS NULL ORDER BY id"));
        Assert.Equal([["5"]], await Rows($"SELECT id FROM {People} WHERE born > '2024-01-02 03:04:05' AND born < '2024-02-01'"));
        Assert.Empty(await Rows($"SELECT id FROM {People} WHERE score NOT IN (75, 90) AND score > 60"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Orders_descending_with_nulls_last_and_limits()
    {
        Assert.Equal([["dave"], ["Émile"], ["Alice"]], await Rows($"SELECT name FROM {People} ORDER BY born DESC LIMIT 3"));
        Assert.Equal([["100.00"], ["12.50"], ["9.75"], ["2.00"], ["NULL"]], await Rows($"SELECT amount FROM {People} ORDER BY amount DESC"));
        Assert.Equal([["Bob"], ["Carol"]], await Rows($"SELECT name FROM {People} ORDER BY name LIMIT 2 OFFSET 1"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Groups_and_counts()
    {
        Assert.Equal([["NULL", "1"], ["Berlin", "2"], ["Paris", "2"]],
            await Rows($"SELECT city, count(*) FROM {People} GROUP BY city ORDER BY city"));
        Assert.Equal([["75", "2", "11.75"]],
            await Rows($"SELECT score, count(*) AS n, sum(amount) FROM {People} GROUP BY score HAVING n > 1"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Reads_a_derived_table_and_set_operations_over_the_function()
    {
        Assert.Equal([["Paris", "2"], ["Berlin", "2"]], await Rows(
            $"SELECT t.city, t.n FROM (SELECT city, count(*) n FROM {People} WHERE city IS NOT NULL GROUP BY city) t WHERE t.n > 1 ORDER BY t.city DESC"));
        _functions.Calls.Clear();
        Assert.Equal([["1"], ["2"]], await Rows(
            $"SELECT id FROM {People} WHERE id = 1 UNION ALL SELECT id FROM {People} WHERE id = 2 ORDER BY id"));

        // Identical calls in one query share one answer.
        Assert.Single(_functions.Calls);
    }

    [Fact(Timeout = 30_000)]
    public async Task Binds_under_its_name_or_an_alias()
    {
        Assert.Equal([["Bob"]], await Rows($"SELECT p.name FROM {People} p WHERE p.id = 2"));
        Assert.Equal([["Bob"]], await Rows($"SELECT people.name FROM {People} WHERE people.id = 2"));
        Assert.Equal([["Alice", "dave"], ["Carol", "Émile"]], await Rows(
            $"SELECT a.name, b.name FROM {People} a JOIN {People} b ON a.city = b.city AND a.id < b.id ORDER BY a.id"));
        var error = await Fails<SqlSemanticException>($"SELECT people.name FROM {People} p");
        Assert.Contains("unknown table or alias 'people'", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_provider_sees_the_call_and_the_session()
    {
        await Rows($"SELECT count(*) FROM {People} AS who");

        var (call, session) = Assert.Single(_functions.Calls);
        Assert.Equal(("people", "who"), (call.Name, call.Alias));
        Assert.Equal([new Property("k", "v")], call.Arguments);
        Assert.Same(_session, session);
        Assert.Equal("people() takes exactly \"k\"=\"v\"",
            (await Fails<DorisException>("SELECT * FROM people(\"k\"=\"w\")")).Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_unknown_function_or_no_provider_is_Doris_error()
    {
        Assert.Equal("Could not find table function nosuch", (await Fails<DorisException>("SELECT * FROM nosuch(\"a\"=\"b\")")).Message);

        var bare = new SqlStatementExecutor(_store);
        var error = await Assert.ThrowsAsync<DorisException>(() => bare.ExecuteAsync($"SELECT * FROM {People}", _session, TestContext.Current.CancellationToken));
        Assert.Equal("Could not find table function people", error.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task Refuses_a_function_together_with_a_stored_table()
    {
        await Sql("CREATE DATABASE db", "CREATE TABLE t (id BIGINT) DUPLICATE KEY(id)");

        var error = await Fails<SqlSemanticException>($"SELECT * FROM {People} p JOIN t ON p.id = t.id");
        Assert.Equal("table function people() cannot be combined with stored tables in one query; select from the table function alone", error.Message);
        Assert.Empty(_functions.Calls);
    }

    [Fact(Timeout = 30_000)]
    public async Task Answers_like_the_same_rows_in_a_stored_table()
    {
        await Sql("CREATE DATABASE db",
            "CREATE TABLE stored (id BIGINT NOT NULL, name VARCHAR(20) NOT NULL, city STRING, born DATETIME, score INT, amount DECIMAL(6, 2)) DUPLICATE KEY(id)",
            $"INSERT INTO stored SELECT * FROM {People}");
        string[] queries =
        [
            "SELECT * FROM {0} ORDER BY id",
            "SELECT name FROM {0} ORDER BY name DESC",
            "SELECT id, born FROM {0} WHERE born >= '2024-01-02 03:04:05' ORDER BY born",
            "SELECT id FROM {0} WHERE amount > 9.8 ORDER BY amount",
            "SELECT city, count(*), sum(amount), avg(score), min(born), max(name) FROM {0} GROUP BY city ORDER BY city DESC",
            "SELECT id FROM {0} WHERE name LIKE '%e' OR city IN ('Paris') OR name REGEXP '^[ÉE]' ORDER BY id DESC",
            "SELECT lower(name), date_format(born, '%Y/%m'), score / 2, amount + 1 FROM {0} ORDER BY 1",
            "SELECT DISTINCT score FROM {0} ORDER BY score DESC",
        ];

        foreach (var query in queries)
        {
            var stored = await Result(string.Format(System.Globalization.CultureInfo.InvariantCulture, query, "stored"));
            var function = await Result(string.Format(System.Globalization.CultureInfo.InvariantCulture, query, People));
            Assert.Equal(stored.Columns, function.Columns);
            Assert.Equal(stored.Types, function.Types);
            Assert.Equal(stored.Rows, function.Rows);
            Assert.NotEmpty(function.Rows);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task A_value_of_another_type_names_the_row_and_column()
    {
        _functions.Override = [[SqlValue.FromInteger(1), SqlValue.FromInteger(7), SqlValue.Null, SqlValue.Null, SqlValue.Null, SqlValue.Null]];

        var error = await Fails<InvalidOperationException>($"SELECT * FROM {People}");
        Assert.Equal("table function people() row 1 column name: Integer value 7 does not fit varchar(20) NOT NULL", error.Message);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    private async Task Sql(params string[] statements)
    {
        foreach (var statement in statements)
        {
            await _executor.ExecuteAsync(statement, _session, TestContext.Current.CancellationToken);
        }
    }

    private async Task<List<string[]>> Rows(string query) => (await Result(query)).Rows;

    private async Task<(List<string> Columns, List<string> Types, List<string[]> Rows)> Result(string query)
    {
        var answer = (RowsResult)await _executor.ExecuteAsync(query, _session, TestContext.Current.CancellationToken);
        await using var result = answer.Rows;
        var rows = new List<string[]>();
        await foreach (var row in result.Rows)
        {
            rows.Add([.. row.Select((value, i) => Show(value, result.Columns[i].Type))]);
        }

        return ([.. result.Columns.Select(c => c.Name)], [.. result.Columns.Select(c => c.Type.ToString())], rows);
    }

    private static string Show(SqlValue value, DataType type) =>
        value.IsNull ? "NULL" : SqlValueFormat.ToText(value, type.Kind == TypeKind.DateTime ? type.Precision : -1);

    private async Task<T> Fails<T>(string query) where T : Exception =>
        await Assert.ThrowsAsync<T>(async () =>
        {
            var answer = (RowsResult)await _executor.ExecuteAsync(query, _session, TestContext.Current.CancellationToken);
            await using var result = answer.Rows;
            await foreach (var _ in result.Rows)
            {
            }
        });
}
