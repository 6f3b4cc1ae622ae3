using ContinuousLoad.Jobs.Statements;
using ContinuousLoad.Jobs.Views;
using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Sessions;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Tables.Statements;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.SqlFrontend.Statements;

/// <summary>
/// Runs one statement's text for a session, the same for every front end: parsed within the limits, then run as a
/// job statement (CREATE / PAUSE / RESUME / ALTER / DROP JOB) or by the table store's statements.
/// </summary>
public sealed class StatementRunner(ITableStoreSource stores, JobStatements jobs, JobViews jobViews, GlobalVariables globals, SqlLimits limits)
{
    /// <summary>What a statement may be (length, nesting); a prepared statement's text is checked against them when prepared.</summary>
    public SqlLimits Limits => limits;

    /// <summary>The variables a new session starts with (changed by <c>SET GLOBAL</c>).</summary>
    public SessionVariables SessionDefaults => globals.Current;

    /// <exception cref="SqlSyntaxException">The text does not parse.</exception>
    /// <exception cref="Sql.SqlSemanticException">Names or types do not fit.</exception>
    /// <exception cref="SqlLimitException">The statement is beyond a limit, or its query ran past its timeout or scan limit.</exception>
    /// <exception cref="Tables.Catalog.DorisException">The statement cannot run.</exception>
    public async Task<StatementResult> RunAsync(string text, SessionContext session, CancellationToken cancellationToken)
    {
        var statement = SqlParser.ParseStatement(text, limits);
        var store = await stores.GetAsync(cancellationToken);
        return await jobs.TryExecuteAsync(statement, session, cancellationToken)
               ?? await new SqlStatementExecutor(store, jobViews, globals).ExecuteAsync(statement, session, cancellationToken);
    }

    /// <summary>Whether an exception is a statement's refusal (answered to the client), not a failure of the app.</summary>
    public static bool IsRefusal(Exception e) =>
        e is SqlSyntaxException or Sql.SqlSemanticException or SqlLimitException or Tables.Catalog.DorisException or LabelAlreadyExistsException;
}
