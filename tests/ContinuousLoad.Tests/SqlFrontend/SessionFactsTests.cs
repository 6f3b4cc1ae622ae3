using ContinuousLoad.Sql;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Sqlite;
using ContinuousLoad.Tables.Statements;
using ContinuousLoad.Testing;

namespace ContinuousLoad.Tests.SqlFrontend;

/// <summary>
/// What clients send when they connect, through the parser and the statement executor: system variables read and set
/// (<c>@@name</c>, <c>SET NAMES</c>, <c>SET autocommit</c>), the session functions, SHOW VARIABLES and USE — and the
/// clear refusals around them.
/// </summary>
public sealed class SessionFactsTests : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly SqliteTableStore _store;
    private readonly SqlStatementExecutor _executor;
    private readonly SessionContext _session = new("d", new EvaluationContext(TimeZoneInfo.Utc, DateTime.UtcNow), "etl") { ConnectionId = 42 };

    public SessionFactsTests()
    {
        _store = new SqliteTableStore(_directory.Combine("tables"));
        _executor = new SqlStatementExecutor(_store);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void System_variables_parse_with_and_without_a_scope()
    {
        var select = (SelectStatement)SqlParser.ParseStatement("SELECT @@version_comment, @@GLOBAL.query_timeout, @@session.autocommit AS a LIMIT 1");
        var items = ((SelectBody)select.Query.Body).Items;
        Assert.Equal(new SystemVariableExpression(null, "version_comment"), items[0].Expression);
        Assert.Equal(new SystemVariableExpression(VariableScope.Global, "query_timeout"), items[1].Expression);
        Assert.Equal("a", items[2].Alias);
        Assert.Equal("@@global.query_timeout", SqlWriter.Write(items[1].Expression));

        Assert.Contains("GLOBAL, SESSION or LOCAL", Assert.Throws<SqlSyntaxException>(() => SqlParser.ParseStatement("SELECT @@foo.bar")).Message,
            StringComparison.Ordinal);
        Assert.Contains("user variables", Assert.Throws<SqlSyntaxException>(() => SqlParser.ParseStatement("SELECT @x")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_names_and_scoped_variables_parse_into_assignments()
    {
        var set = (SetVariablesStatement)SqlParser.ParseStatement("SET NAMES utf8mb4 COLLATE utf8mb4_bin, @@session.autocommit = 1, GLOBAL sql_mode = ''");

        Assert.Equal(
            [
                new VariableAssignment(VariableScope.Session, "character_set_client", "utf8mb4"),
                new VariableAssignment(VariableScope.Session, "character_set_connection", "utf8mb4"),
                new VariableAssignment(VariableScope.Session, "character_set_results", "utf8mb4"),
                new VariableAssignment(VariableScope.Session, "collation_connection", "utf8mb4_bin"),
                new VariableAssignment(VariableScope.Session, "autocommit", "1"),
                new VariableAssignment(VariableScope.Global, "sql_mode", ""),
            ],
            set.Assignments);
        Assert.Equal(new ShowVariablesStatement(VariableScope.Global, "query%"), SqlParser.ParseStatement("SHOW GLOBAL VARIABLES LIKE 'query%'"));
        Assert.Equal(new UseStatement("shop"), SqlParser.ParseStatement("USE `shop`"));
    }

    [Fact]
    public async Task Variables_and_session_functions_are_answered_from_the_session()
    {
        Assert.Equal(["900", "1", "d", "etl@127.0.0.1", "42", "5.7.99"],
            await RowAsync("SELECT @@query_timeout, @@autocommit, DATABASE(), USER(), CONNECTION_ID(), VERSION()", _session));
        Assert.Equal(["NULL"], await RowAsync("SELECT database()", _session with { DefaultDatabase = null }));
        Assert.Empty(await RowAsync("SELECT @@version LIMIT 0", _session));
    }

    [Fact]
    public async Task A_session_set_returns_the_variables_the_session_keeps()
    {
        var set = (ExecResult)await _executor.ExecuteAsync("SET autocommit = 0, query_timeout = 5, NAMES latin1", _session, Token);

        Assert.Equal("0", set.Variables!.ValueOf("autocommit"));
        Assert.Equal(5, set.Variables.QueryTimeout);
        Assert.Equal("latin1", set.Variables.ValueOf("character_set_results"));
        Assert.Equal(["0", "5"], await RowAsync("SELECT @@autocommit, @@query_timeout", _session with { Variables = set.Variables }));
    }

    [Fact]
    public async Task Read_only_and_unknown_variables_and_variables_beside_a_table_are_refused()
    {
        Assert.Equal("Variable 'version' is a read only variable",
            (await Assert.ThrowsAsync<SqlSemanticException>(() => _executor.ExecuteAsync("SET version = '9'", _session, Token))).Message);
        Assert.StartsWith("Unknown system variable 'nope'",
            (await Assert.ThrowsAsync<SqlSemanticException>(() => _executor.ExecuteAsync("SET nope = 1", _session, Token))).Message, StringComparison.Ordinal);
        Assert.Equal("Unknown system variable 'nope'",
            (await Assert.ThrowsAsync<SqlSemanticException>(() => RowAsync("SELECT @@nope", _session))).Message);

        await _executor.ExecuteAsync("CREATE DATABASE d", _session, Token);
        await _executor.ExecuteAsync("CREATE TABLE t (k INT) DUPLICATE KEY(k)", _session, Token);
        Assert.Contains("can only be selected with other variables",
            (await Assert.ThrowsAsync<SqlSemanticException>(() => RowAsync("SELECT @@autocommit, k FROM t", _session))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_variables_lists_them_by_name_and_use_checks_the_database()
    {
        var show = (RowsResult)await _executor.ExecuteAsync("SHOW VARIABLES LIKE '%timeout'", _session, Token);
        await using var rows = show.Rows;
        var names = new List<string>();
        await foreach (var row in rows.Rows)
        {
            names.Add(row[0].AsString);
        }

        Assert.Equal(["insert_timeout", "interactive_timeout", "net_read_timeout", "net_write_timeout", "query_timeout", "wait_timeout"], names);

        Assert.Equal("Unknown database 'shop'", (await Assert.ThrowsAsync<DorisException>(() => _executor.ExecuteAsync("USE shop", _session, Token))).Message);
        await _executor.ExecuteAsync("CREATE DATABASE shop", _session, Token);
        Assert.Equal("shop", ((ExecResult)await _executor.ExecuteAsync("USE shop", _session, Token)).Database);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<List<string>> RowAsync(string sql, SessionContext session)
    {
        var answer = (RowsResult)await _executor.ExecuteAsync(sql, session, Token);
        await using var result = answer.Rows;
        var values = new List<string>();
        await foreach (var row in result.Rows)
        {
            values.AddRange(row.Select(v => v.ToString()));
        }

        return values;
    }
}
