using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Tables.Statements;

/// <summary>
/// Runs the SQL statements the table store serves: DDL, SHOW/DESC, INSERT and read-only SELECT.
/// User SELECTs are parsed and re-emitted in the store's dialect, never passed through.
/// </summary>
public sealed class SqlStatementExecutor
{
    private readonly CatalogStatements _catalog;
    private readonly AlterStatements _alter;
    private readonly QueryStatements _queries;
    private readonly InsertStatements _inserts;

    /// <param name="store">Where tables live.</param>
    /// <param name="tableFunctions">Answers table functions in FROM; without it every table function is unknown.</param>
    public SqlStatementExecutor(ITableStore store, ITableFunctionProvider? tableFunctions = null)
    {
        _catalog = new CatalogStatements(store);
        _alter = new AlterStatements(store, _catalog);
        _queries = new QueryStatements(store, tableFunctions);
        _inserts = new InsertStatements(store, _catalog, _queries);
    }

    /// <exception cref="SqlSyntaxException">The text does not parse.</exception>
    /// <exception cref="Sql.SqlSemanticException">Names or types do not fit.</exception>
    /// <exception cref="Catalog.DorisException">The statement cannot run (unknown table, exists already, ...).</exception>
    public Task<StatementResult> ExecuteAsync(string sql, SessionContext session, CancellationToken cancellationToken) =>
        ExecuteAsync(SqlParser.ParseStatement(sql), session, cancellationToken);

    public async Task<StatementResult> ExecuteAsync(Statement statement, SessionContext session, CancellationToken cancellationToken) => statement switch
    {
        SelectStatement select => new RowsResult(await _queries.RunAsync(select.Query, session, cancellationToken)),
        InsertStatement insert => await _inserts.InsertAsync(insert, session, cancellationToken),
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
