using ContinuousLoad.Sql.Limits;
using System.Text;
using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tables.Queries;

/// <summary>
/// What both stores' query emitters share: relations become aliased sources whose columns fill a slot
/// map (ordinal → SQL), a SELECT's clauses, CASE. Each store supplies quoting, nested queries and
/// expressions. Tables are always <c>"database"."table"</c> (an attached file in SQLite, a schema in PostgreSQL).
/// </summary>
internal abstract class SqlEmitter
{
    private int _relations;

    protected abstract string Quote(string name);

    /// <summary>A nested query (derived table, set operation side).</summary>
    protected abstract string Emit(BoundQuery query);

    protected abstract string Expression(BoundExpression expression, Dictionary<int, string> slots);

    /// <summary>SELECT [DISTINCT] projections AS "cN" [+ extra items] FROM ... WHERE ... GROUP BY ... HAVING ...</summary>
    protected void AppendSelect(StringBuilder sql, BoundSelect select, Dictionary<int, string> slots, IEnumerable<string>? extraItems = null)
    {
        var from = select.From is null ? null : Relation(select.From, slots);
        sql.Append(select.Distinct ? "SELECT DISTINCT " : "SELECT ");
        sql.AppendJoin(", ", select.Projections.Select((p, i) => $"{Expression(p, slots)} AS \"c{i}\"").Concat(extraItems ?? []));
        if (from is not null)
        {
            sql.Append(" FROM ").Append(from);
        }

        if (select.Where is not null)
        {
            sql.Append(" WHERE ").Append(Expression(select.Where, slots));
        }

        if (!select.GroupBy.IsEmpty)
        {
            sql.Append(" GROUP BY ").AppendJoin(", ", select.GroupBy.Select(g => Expression(g, slots)));
        }

        if (select.Having is not null)
        {
            sql.Append(" HAVING ").Append(Expression(select.Having, slots));
        }
    }

    /// <summary>A FROM item; UNIQUE tables show only rows whose delete sign is 0.</summary>
    protected string Relation(BoundRelation relation, Dictionary<int, string> slots)
    {
        StackGuard.Ensure();
        switch (relation)
        {
            case BoundTableRelation table:
                var alias = ColumnSlots(table.Columns, table.FirstOrdinal, slots);
                var source = $"{Quote(table.Table.Database)}.{Quote(table.Table.Name)}";
                return table.Table.HasDeleteSign
                    ? $"(SELECT * FROM {source} WHERE {Quote(Identifiers.DeleteSignColumn)} = 0) AS \"{alias}\""
                    : $"{source} AS \"{alias}\"";
            case BoundVirtualRelation function:
                var functionAlias = ColumnSlots(function.Table.Columns, function.FirstOrdinal, slots);
                return $"{VirtualTableSource(function.Table)} AS \"{functionAlias}\"";
            case BoundDerivedRelation derived:
                var derivedAlias = $"t{_relations++}";
                for (var i = 0; i < derived.Query.Output.Length; i++)
                {
                    slots[derived.FirstOrdinal + i] = $"\"{derivedAlias}\".\"c{i}\"";
                }

                return $"({Emit(derived.Query)}) AS \"{derivedAlias}\"";
            case BoundJoin join:
                var left = Relation(join.Left, slots);
                var right = Relation(join.Right, slots);
                var kind = join.Kind switch
                {
                    JoinKind.Inner => "JOIN",
                    JoinKind.Left => "LEFT JOIN",
                    JoinKind.Right => "RIGHT JOIN",
                    JoinKind.Full => "FULL JOIN",
                    _ => "CROSS JOIN",
                };
                return join.Condition is null ? $"{left} {kind} {right}" : $"{left} {kind} {right} ON {Expression(join.Condition, slots)}";
            default:
                throw new DorisException($"cannot read {relation.GetType().Name} from this store");
        }
    }

    /// <summary>Where a table function's rows were loaded; stores do not hold them, so by default there is nowhere.</summary>
    protected virtual string VirtualTableSource(VirtualTable table) =>
        throw new DorisException($"table function {table.Name}() is not read from the table store");

    /// <summary>Names a relation's columns through a fresh alias, which it returns.</summary>
    private string ColumnSlots(IReadOnlyList<ColumnSchema> columns, int firstOrdinal, Dictionary<int, string> slots)
    {
        var alias = $"t{_relations++}";
        for (var i = 0; i < columns.Count; i++)
        {
            slots[firstOrdinal + i] = $"\"{alias}\".{Quote(columns[i].Name)}";
        }

        return alias;
    }

    protected string Case(BoundCase @case, Dictionary<int, string> slots)
    {
        var text = new StringBuilder("CASE");
        foreach (var when in @case.Whens)
        {
            text.Append(" WHEN ").Append(Expression(when.Condition, slots)).Append(" THEN ").Append(Expression(when.Result, slots));
        }

        if (@case.Else is not null)
        {
            text.Append(" ELSE ").Append(Expression(@case.Else, slots));
        }

        return text.Append(" END").ToString();
    }

    protected static string SetOperatorKeyword(SetOperator op) => op switch
    {
        SetOperator.Union => "UNION",
        SetOperator.Intersect => "INTERSECT",
        _ => "EXCEPT",
    };
}
