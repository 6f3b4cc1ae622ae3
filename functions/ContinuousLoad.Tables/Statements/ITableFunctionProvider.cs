using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Tables.Queries;

namespace ContinuousLoad.Tables.Statements;

/// <summary>
/// Answers table functions in FROM (<c>jobs("type"="insert")</c>) with the rows they stand for. The
/// tables layer only reads the answer; what the functions mean belongs to whoever provides them.
/// </summary>
public interface ITableFunctionProvider
{
    /// <summary>The function's rows for this call, as of now; called once per distinct call in a query.</summary>
    /// <exception cref="Catalog.DorisException">
    /// The function is unknown (<see cref="Catalog.DorisException.UnknownTableFunction"/>) or its arguments are wrong.
    /// </exception>
    ValueTask<VirtualTable> ResolveAsync(TableFunctionSource call, SessionContext session, CancellationToken cancellationToken);
}
