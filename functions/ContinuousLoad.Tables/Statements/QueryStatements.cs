using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Queries;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Tables.Statements;

/// <summary>Binds a SELECT against the tables it names and runs it read-only in the store.</summary>
internal sealed class QueryStatements(ITableStore store)
{
    public async Task<BoundQuery> BindAsync(Query query, SessionContext session, CancellationToken cancellationToken)
    {
        var tables = new Dictionary<(string Database, string Table), TableSchema>();
        foreach (var (database, name) in QueryBinder.ReferencedTables(query, session.DefaultDatabase).Distinct())
        {
            if (!await store.DatabaseExistsAsync(database, cancellationToken))
            {
                throw DorisException.UnknownDatabase(database);
            }

            tables[(database, name)] = await store.FindTableAsync(database, name, cancellationToken)
                                       ?? throw DorisException.UnknownTable(database, name);
        }

        return new QueryBinder(tables, session.DefaultDatabase, session.Evaluation.TimeZone).Bind(query);
    }

    public async Task<QueryResult> RunAsync(Query query, SessionContext session, CancellationToken cancellationToken) =>
        await store.QueryAsync(await BindAsync(query, session, cancellationToken), session.Evaluation, cancellationToken);
}
