using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tables.Queries;

/// <summary>What a query reads, found in its syntax before it is bound: the stored tables it names and the table functions it calls.</summary>
public static class QuerySources
{
    /// <summary>Every table a query names, with the default database filled in.</summary>
    public static IEnumerable<(string Database, string Table)> ReferencedTables(Query query, string? defaultDatabase)
    {
        foreach (var source in Sources(query.Body).OfType<NamedTableSource>())
        {
            yield return (source.Name.Database ?? defaultDatabase ?? throw new DorisException("No database selected"), source.Name.Name);
        }
    }

    /// <summary>Every table function a query calls in FROM, at any depth.</summary>
    public static IEnumerable<TableFunctionSource> TableFunctions(Query query) => Sources(query.Body).OfType<TableFunctionSource>();

    /// <summary>The named tables and table functions of a query body, through joins, derived tables and set operations.</summary>
    private static List<TableSource> Sources(QueryBody body)
    {
        var found = new List<TableSource>();
        var pending = new Stack<object>([body]);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case SelectBody { From: { } from }:
                    pending.Push(from);
                    break;
                case SetOperationBody set:
                    pending.Push(set.Right);
                    pending.Push(set.Left);
                    break;
                case NestedQueryBody nested:
                    pending.Push(nested.Query.Body);
                    break;
                case DerivedTableSource derived:
                    pending.Push(derived.Query.Body);
                    break;
                case JoinTableSource join:
                    pending.Push(join.Right);
                    pending.Push(join.Left);
                    break;
                case TableSource source:
                    found.Add(source);
                    break;
            }
        }

        return found;
    }
}
