using ContinuousLoad.Sql.Sessions;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Tables.Queries;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Tables.Statements;

/// <summary>
/// Runs the SQL statements the table store serves: DDL, SHOW/DESC, INSERT, read-only SELECT and SET.
/// User SELECTs are parsed and re-emitted in the store's dialect, never passed through. A statement's
/// SET_VAR hints apply to it alone; its query stops when its <c>query_timeout</c> (INSERT:
/// <c>insert_timeout</c>) or <c>max_scan_rows</c> is spent.
/// </summary>
public sealed class SqlStatementExecutor
{
    private readonly CatalogStatements _catalog;
    private readonly AlterStatements _alter;
    private readonly QueryStatements _queries;
    private readonly InsertStatements _inserts;
    private readonly GlobalVariables? _globals;

    /// <param name="store">Where tables live.</param>
    /// <param name="tableFunctions">Answers table functions in FROM; without it every table function is unknown.</param>
    /// <param name="globals">What <c>SET GLOBAL</c> changes; without it SET GLOBAL is refused.</param>
    public SqlStatementExecutor(ITableStore store, ITableFunctionProvider? tableFunctions = null, GlobalVariables? globals = null)
    {
        _catalog = new CatalogStatements(store);
        _alter = new AlterStatements(store, _catalog);
        _queries = new QueryStatements(store, tableFunctions);
        _inserts = new InsertStatements(store, _catalog, _queries);
        _globals = globals;
    }

    /// <exception cref="SqlSyntaxException">The text does not parse.</exception>
    /// <exception cref="Sql.SqlSemanticException">Names or types do not fit.</exception>
    /// <exception cref="Sql.Limits.SqlLimitException">The statement is beyond a limit, or its query ran past its timeout or scan limit.</exception>
    /// <exception cref="Catalog.DorisException">The statement cannot run (unknown table, exists already, ...).</exception>
    public Task<StatementResult> ExecuteAsync(string sql, SessionContext session, CancellationToken cancellationToken) =>
        ExecuteAsync(SqlParser.ParseStatement(sql), session, cancellationToken);

    public async Task<StatementResult> ExecuteAsync(Statement statement, SessionContext session, CancellationToken cancellationToken)
    {
        if (!statement.Variables.IsEmpty)
        {
            session = session with { Variables = session.Variables.With(statement.Variables) };
        }

        return statement switch
        {
            SelectStatement select => new RowsResult(SessionFacts.TryAnswer(select.Query, session) ?? await _queries.RunAsync(
                select.Query, session, QueryBudget.ForSelect(session.Variables), cancellationToken, session.Variables.SqlSelectLimit)),
            ShowVariablesStatement show => SessionFacts.ShowVariables(show, session, _globals),
            UseStatement use => await _catalog.UseAsync(use, cancellationToken),
            InsertStatement insert => await _inserts.InsertAsync(insert, session, cancellationToken),
            SetVariablesStatement set => SetVariables(set, session),
            CreateDatabaseStatement create => await _catalog.CreateDatabaseAsync(create, cancellationToken),
            DropDatabaseStatement drop => await _catalog.DropDatabaseAsync(drop, cancellationToken),
            ShowDatabasesStatement show => await _catalog.ShowDatabasesAsync(show, cancellationToken),
            CreateTableStatement create => await _catalog.CreateTableAsync(create, session, cancellationToken),
            DropTableStatement drop => await _catalog.DropTableAsync(drop, session, cancellationToken),
            TruncateTableStatement truncate => await _catalog.TruncateAsync(truncate, session, cancellationToken),
            ShowTablesStatement show => await _catalog.ShowTablesAsync(show, session, cancellationToken),
            ShowCreateTableStatement show => await _catalog.ShowCreateTableAsync(show, session, cancellationToken),
            DescribeStatement describe => await _catalog.DescribeAsync(describe, session, cancellationToken),
            AlterTableStatement alter => await _alter.AlterAsync(alter, session, cancellationToken),
            _ => throw new Catalog.DorisException($"{statement.GetType().Name.Replace("Statement", "", StringComparison.Ordinal)} is not supported here"),
        };
    }

    /// <summary>
    /// GLOBAL changes what later sessions start with (root only, as Doris requires ADMIN). SESSION values
    /// are checked here and returned for the caller's session to keep (<see cref="ExecResult.Variables"/>);
    /// over HTTP a session is one request, as in Doris.
    /// </summary>
    private ExecResult SetVariables(SetVariablesStatement set, SessionContext session)
    {
        var variables = session.Variables;
        foreach (var assignment in set.Assignments)
        {
            if (assignment.Scope == VariableScope.Session)
            {
                variables = variables.With(assignment.Name, assignment.Value, _globals?.Configured ?? SessionVariables.Default);
                continue;
            }

            if (_globals is null || session.User != "root")
            {
                throw new Catalog.DorisException("Access denied; you need (at least one of) the ADMIN privilege(s) for this operation");
            }

            _globals.Set(assignment.Name, assignment.Value);
        }

        return ExecResult.Done with { Variables = variables };
    }
}
