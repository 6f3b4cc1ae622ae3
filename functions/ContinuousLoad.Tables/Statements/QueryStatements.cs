using ContinuousLoad.Sql;
using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Queries;
using ContinuousLoad.Tables.Sqlite;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Tables.Statements;

/// <summary>
/// Binds a SELECT against the tables it names and runs it read-only in the store; a SELECT over table
/// functions runs in memory over the rows <paramref name="tableFunctions"/> answers.
/// </summary>
internal sealed class QueryStatements(ITableStore store, ITableFunctionProvider? tableFunctions)
{
    public async Task<BoundQuery> BindAsync(Query query, SessionContext session, CancellationToken cancellationToken)
    {
        var calls = QuerySources.TableFunctions(query).Distinct().ToList();
        var names = QuerySources.ReferencedTables(query, session.DefaultDatabase).Distinct().ToList();

        // Function rows live in a private in-memory database and stored rows in the store (maybe
        // PostgreSQL); one query reads one of them, which keeps both stores answering alike.
        if (calls.Count > 0 && names.Count > 0)
        {
            throw new SqlSemanticException(
                $"table function {calls[0].Name}() cannot be combined with stored tables in one query; select from the table function alone");
        }

        var tables = new Dictionary<(string Database, string Table), TableSchema>();
        foreach (var (database, name) in names)
        {
            if (!await store.DatabaseExistsAsync(database, cancellationToken))
            {
                throw DorisException.UnknownDatabase(database);
            }

            tables[(database, name)] = await store.FindTableAsync(database, name, cancellationToken)
                                       ?? throw DorisException.UnknownTable(database, name);
        }

        var answers = new Dictionary<TableFunctionSource, VirtualTable>();
        foreach (var call in calls)
        {
            answers[call] = tableFunctions is null
                ? throw DorisException.UnknownTableFunction(call.Name)
                : await tableFunctions.ResolveAsync(call, session, cancellationToken);
        }

        return new QueryBinder(tables, session.DefaultDatabase, session.Evaluation.TimeZone, answers).Bind(query);
    }

    /// <param name="rowLimit">At most this many rows (<c>sql_select_limit</c> of a top-level SELECT); the query's own LIMIT still applies.</param>
    public async Task<QueryResult> RunAsync(Query query, SessionContext session, QueryBudget budget, CancellationToken cancellationToken,
        long rowLimit = long.MaxValue)
    {
        var bound = await BindAsync(query, session, cancellationToken);
        if (rowLimit < (bound.Limit ?? long.MaxValue))
        {
            bound = bound with { Limit = rowLimit };
        }

        return BoundSources.Of(bound).Any(r => r is BoundVirtualRelation)
            ? SqliteQueryRunner.RunOverVirtualTables(bound, session.Evaluation, budget, cancellationToken)
            : await store.QueryAsync(bound, session.Evaluation, budget, cancellationToken);
    }
}
