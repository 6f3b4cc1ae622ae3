using ContinuousLoad.Sql.Limits;
using System.Collections.Immutable;
using ContinuousLoad.Sql;
using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Functions;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tables.Queries;

/// <summary>
/// Binds a SELECT against the catalog: relations, names, types, grouping rules, ORDER BY by alias or
/// position. The tables it reads must be looked up first (<see cref="QuerySources.ReferencedTables"/>), and the
/// table functions it calls answered (<see cref="QuerySources.TableFunctions"/>); identical calls share one answer.
/// </summary>
public sealed class QueryBinder(
    IReadOnlyDictionary<(string Database, string Table), TableSchema> tables,
    string? defaultDatabase,
    TimeZoneInfo timeZone,
    IReadOnlyDictionary<TableFunctionSource, VirtualTable>? tableFunctions = null)
{
    public BoundQuery Bind(Query query)
    {
        var body = BindBody(query.Body);
        var order = query.OrderBy.Select(item => BindOrder(item, query.Body, body)).ToImmutableArray();
        return new BoundQuery(body.Body, order, query.Limit, query.Offset);
    }

    /// <summary>The bound body plus what ORDER BY needs to bind in the same scope.</summary>
    private (BoundQueryBody Body, SelectContext? Select) BindBody(QueryBody body)
    {
        StackGuard.Ensure();
        switch (body)
        {
            case SelectBody select:
                var context = BindSelect(select);
                return (context.Bound, context);
            case NestedQueryBody nested:
                return (Wrap(Bind(nested.Query)), null);
            case SetOperationBody set:
                var left = Bind(new Query(set.Left, NodeList<OrderItem>.Empty));
                var right = Bind(new Query(set.Right, NodeList<OrderItem>.Empty));
                if (left.Output.Length != right.Output.Length)
                {
                    throw new SqlSemanticException("The used SELECT statements have a different number of columns");
                }

                var output = left.Output.Zip(right.Output, (l, r) => new OutputColumn(l.Name, TypeRules.Common(l.Type, r.Type))).ToImmutableArray();
                return (new BoundSetOperation(output, set.Operator, set.All, left, right), null);
            default:
                throw new SqlSemanticException($"unsupported query form {body.GetType().Name}");
        }
    }

    /// <summary>A parenthesized query with its own ORDER BY/LIMIT, read as a derived table.</summary>
    private static BoundQueryBody Wrap(BoundQuery inner) =>
        new BoundSelect(inner.Output, new BoundDerivedRelation(inner, 0), null, [], null,
            [.. inner.Output.Select((c, i) => (BoundExpression)new BoundColumn(i, c.Name, c.Type))], false, false);

    private SelectContext BindSelect(SelectBody select)
    {
        var scope = new RelationScope();
        var from = select.From is null ? null : BindSource(select.From, scope);
        var plain = new ExpressionBinder(scope, timeZone: timeZone);
        var where = select.Where is null ? null : plain.BindCondition(select.Where);

        var aggregated = !select.GroupBy.IsEmpty || select.Having is not null
                         || select.Items.Any(i => HasAggregate(i.Expression));
        var grouped = new ExpressionBinder(scope, timeZone: timeZone, aggregates: new QueryAggregates(scope, timeZone));
        var items = Expand(select.Items, scope);
        var groupBy = select.GroupBy.Select(key => BindGroupKey(key, items, plain)).ToImmutableArray();

        var projections = ImmutableArray.CreateBuilder<BoundExpression>(items.Count);
        var output = ImmutableArray.CreateBuilder<OutputColumn>(items.Count);
        foreach (var (expression, name) in items)
        {
            var projection = aggregated ? grouped.Bind(expression) : plain.Bind(expression);
            if (aggregated)
            {
                CheckGrouped(projection, groupBy, name);
            }

            projections.Add(projection);
            output.Add(new OutputColumn(name, projection.Type));
        }

        BoundExpression? having = null;
        if (select.Having is not null)
        {
            having = grouped.BindCondition(ReplaceAliases(select.Having, items, scope));
            CheckGrouped(having, groupBy, "HAVING");
        }

        var result = new BoundSelect(output.ToImmutable(), from, where, groupBy, having, projections.ToImmutable(), select.Distinct, aggregated);
        return new SelectContext(result, scope, items, plain, grouped);
    }

    private static bool HasAggregate(Expression expression)
    {
        StackGuard.Ensure();
        return expression switch
        {
            FunctionCall call when FunctionRegistry.IsAggregate(call.Name) => true,
            FunctionCall call => call.Arguments.Any(HasAggregate),
            UnaryExpression unary => HasAggregate(unary.Operand),
            BinaryExpression binary => HasAggregate(binary.Left) || HasAggregate(binary.Right),
            CastExpression cast => HasAggregate(cast.Operand),
            CaseExpression @case => (@case.Operand is not null && HasAggregate(@case.Operand)) || (@case.Else is not null && HasAggregate(@case.Else))
                                    || @case.Whens.Any(w => HasAggregate(w.Condition) || HasAggregate(w.Result)),
            IsNullExpression isNull => HasAggregate(isNull.Operand),
            InExpression @in => HasAggregate(@in.Operand) || @in.Items.Any(HasAggregate),
            BetweenExpression between => HasAggregate(between.Operand) || HasAggregate(between.Low) || HasAggregate(between.High),
            LikeExpression like => HasAggregate(like.Operand) || HasAggregate(like.Pattern),
            _ => false,
        };
    }

    /// <summary>Expands <c>*</c> and <c>t.*</c> and names every item as Doris shows it.</summary>
    private static List<(Expression Expression, string Name)> Expand(NodeList<SelectItem> items, RelationScope scope)
    {
        var expanded = new List<(Expression, string)>();
        foreach (var item in items)
        {
            if (item.Expression is StarExpression star)
            {
                var entries = star.Qualifier.IsEmpty
                    ? scope.Entries
                    : scope.Entries.Where(e => e.Name.Equals(star.Qualifier[^1], StringComparison.OrdinalIgnoreCase)).ToList();
                if (entries.Count == 0)
                {
                    throw new SqlSemanticException(star.Qualifier.IsEmpty ? "SELECT * with no tables specified is not valid" : $"Unknown table '{star.Qualifier[^1]}'");
                }

                foreach (var entry in entries)
                {
                    foreach (var (name, _) in entry.Columns.Where(c => star.Qualifier.Count > 0 || !entry.Merged.Contains(c.Name)))
                    {
                        expanded.Add((new ColumnReference(new NodeList<string>([entry.Name, name])), name));
                    }
                }

                continue;
            }

            expanded.Add((item.Expression, item.Alias ?? NameOf(item.Expression)));
        }

        return expanded;
    }

    /// <summary>The column name MySQL and Doris show for an unaliased expression.</summary>
    public static string NameOf(Expression expression) => expression switch
    {
        ColumnReference column => column.Name,
        LiteralExpression { Value.Kind: ValueKind.String } literal => literal.Value.AsString,
        _ => SqlWriter.Write(expression).Replace("`", "", StringComparison.Ordinal),
    };

    /// <summary>GROUP BY takes expressions, select-list positions (1-based) and select aliases.</summary>
    private static BoundExpression BindGroupKey(Expression key, List<(Expression Expression, string Name)> items, ExpressionBinder plain)
    {
        if (key is LiteralExpression { Value.Kind: ValueKind.Integer } position)
        {
            var index = position.Value.AsInteger;
            return index >= 1 && index <= items.Count
                ? plain.Bind(items[(int)index - 1].Expression)
                : throw new SqlSemanticException($"Unknown column '{index}' in 'group statement'");
        }

        if (key is ColumnReference { Parts.Count: 1 } name)
        {
            try
            {
                return plain.Bind(key);
            }
            catch (SqlSemanticException)
            {
                var alias = items.FindIndex(i => i.Name.Equals(name.Name, StringComparison.OrdinalIgnoreCase));
                if (alias < 0)
                {
                    throw;
                }

                return plain.Bind(items[alias].Expression);
            }
        }

        return plain.Bind(key);
    }

    /// <summary>In an aggregated select every column must sit in a GROUP BY key or inside an aggregate.</summary>
    private static void CheckGrouped(BoundExpression expression, ImmutableArray<BoundExpression> groupBy, string clause)
    {
        StackGuard.Ensure();
        if (expression is BoundAggregate || groupBy.Any(key => BoundComparer.Equal(key, expression)))
        {
            return;
        }

        if (expression is BoundColumn column)
        {
            throw new SqlSemanticException($"'{column.Name}' in {(clause == "HAVING" ? "HAVING" : $"'{clause}'")} must be an aggregate expression or appear in GROUP BY clause");
        }

        foreach (var child in BoundWalker.Children(expression))
        {
            CheckGrouped(child, groupBy, clause);
        }
    }

    /// <summary>HAVING may name select aliases (MySQL); a real column of the same name wins.</summary>
    private static Expression ReplaceAliases(Expression expression, List<(Expression Expression, string Name)> items, RelationScope scope) =>
        ExpressionRewriter.Rewrite(expression, node =>
        {
            if (node is not ColumnReference { Parts.Count: 1 } column)
            {
                return null;
            }

            try
            {
                scope.Resolve(column);
                return null;
            }
            catch (SqlSemanticException)
            {
                var alias = items.FindIndex(i => i.Name.Equals(column.Name, StringComparison.OrdinalIgnoreCase));
                return alias < 0 ? null : items[alias].Expression;
            }
        });

    private BoundOrderItem BindOrder(OrderItem item, QueryBody syntax, (BoundQueryBody Body, SelectContext? Select) body)
    {
        var nullsFirst = item.NullsFirst ?? !item.Descending;
        var output = body.Body.Output;
        if (item.Expression is LiteralExpression { Value.Kind: ValueKind.Integer } position)
        {
            var index = position.Value.AsInteger;
            return index >= 1 && index <= output.Length
                ? new BoundOrderItem(new BoundOutputRef((int)index - 1, output[(int)index - 1].Type), item.Descending, nullsFirst)
                : throw new SqlSemanticException($"Unknown column '{index}' in 'order clause'");
        }

        if (item.Expression is ColumnReference { Parts.Count: 1 } name)
        {
            var alias = output.IndexOf(output.FirstOrDefault(o => o.Name.Equals(name.Name, StringComparison.OrdinalIgnoreCase))!);
            if (alias >= 0 && (body.Select is null || syntax is not SelectBody || IsAliasNotColumn(name, body.Select)))
            {
                return new BoundOrderItem(new BoundOutputRef(alias, output[alias].Type), item.Descending, nullsFirst);
            }
        }

        if (body.Select is not { } select)
        {
            throw new SqlSemanticException($"ORDER BY of a UNION/INTERSECT/EXCEPT must name a result column, not '{SqlWriter.Write(item.Expression)}'");
        }

        var bound = select.Bound.Aggregated ? select.Grouped.Bind(item.Expression) : select.Plain.Bind(item.Expression);
        if (select.Bound.Aggregated)
        {
            CheckGrouped(bound, select.Bound.GroupBy, "ORDER BY");
        }

        var projected = select.Bound.Projections.IndexOf(select.Bound.Projections.FirstOrDefault(p => BoundComparer.Equal(p, bound))!);
        if (projected >= 0)
        {
            return new BoundOrderItem(new BoundOutputRef(projected, bound.Type), item.Descending, nullsFirst);
        }

        if (select.Bound.Distinct)
        {
            throw new SqlSemanticException("Expression of ORDER BY clause is not in SELECT list, references column which is not in SELECT list; this is incompatible with DISTINCT");
        }

        return new BoundOrderItem(bound, item.Descending, nullsFirst);
    }

    /// <summary>MySQL resolves a bare ORDER BY name to a select alias first unless the alias is the column itself.</summary>
    private static bool IsAliasNotColumn(ColumnReference name, SelectContext select) =>
        select.Items.Any(i => i.Name.Equals(name.Name, StringComparison.OrdinalIgnoreCase));

    private BoundRelation BindSource(TableSource source, RelationScope scope)
    {
        StackGuard.Ensure();
        switch (source)
        {
            case NamedTableSource named:
                var database = named.Name.Database ?? defaultDatabase ?? throw new DorisException("No database selected");
                var table = tables.GetValueOrDefault((database, named.Name.Name)) ?? throw DorisException.UnknownTable(database, named.Name.Name);
                var columns = table.VisibleColumns.ToImmutableArray();
                var entry = scope.Add(named.Alias is null ? database : null, named.Alias ?? table.Name, [.. columns.Select(c => (c.Name, c.Type))]);
                return new BoundTableRelation(table, columns, entry.FirstOrdinal);
            case DerivedTableSource derived:
                var query = Bind(derived.Query);
                RequireUniqueNames(query.Output.Select(o => o.Name), $"derived table {derived.Alias}");
                var derivedEntry = scope.Add(null, derived.Alias, [.. query.Output.Select(o => (o.Name, o.Type))]);
                return new BoundDerivedRelation(query, derivedEntry.FirstOrdinal);
            case JoinTableSource join:
                var left = BindSource(join.Left, scope);
                var before = scope.Entries.Count;
                var right = BindSource(join.Right, scope);
                var binder = new ExpressionBinder(scope, timeZone: timeZone);
                BoundExpression? condition = null;
                if (join.On is not null)
                {
                    condition = binder.BindCondition(join.On);
                }
                else if (!join.Using.IsEmpty)
                {
                    var rightEntry = scope.Entries[before];
                    var leftEntries = scope.Entries.Take(before).ToList();
                    foreach (var column in join.Using)
                    {
                        var leftEntry = leftEntries.LastOrDefault(e => e.IndexOf(column) >= 0)
                            ?? throw new SqlSemanticException($"Unknown column '{column}' in 'from clause'");
                        var equal = binder.BindCondition(new BinaryExpression(BinaryOperator.Equal,
                            new ColumnReference(new NodeList<string>([leftEntry.Name, column])),
                            new ColumnReference(new NodeList<string>([rightEntry.Name, column]))));
                        condition = condition is null ? equal : new BoundBinary(BinaryOperator.And, condition, equal, DataType.Boolean, DataType.Boolean);
                    }

                    scope.MergeUsing(join.Using, rightEntry);
                }

                return new BoundJoin(join.Kind, left, right, condition);
            case TableFunctionSource function:
                var virtualTable = tableFunctions?.GetValueOrDefault(function) ?? throw DorisException.UnknownTableFunction(function.Name);
                RequireUniqueNames(virtualTable.Columns.Select(c => c.Name), $"table function {function.Name}");
                var functionEntry = scope.Add(null, function.Alias ?? function.Name, [.. virtualTable.Columns.Select(c => (c.Name, c.Type))]);
                return new BoundVirtualRelation(virtualTable, functionEntry.FirstOrdinal);
            default:
                throw new SqlSemanticException($"unsupported FROM item {source.GetType().Name}");
        }
    }

    private static void RequireUniqueNames(IEnumerable<string> columns, string relation)
    {
        var duplicate = columns.GroupBy(c => c, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new SqlSemanticException($"Duplicate column name '{duplicate.Key}' in {relation}");
        }
    }

    /// <summary>What ORDER BY of a SELECT binds against: its scope, named items and binders.</summary>
    private sealed record SelectContext(
        BoundSelect Bound,
        RelationScope Scope,
        List<(Expression Expression, string Name)> Items,
        ExpressionBinder Plain,
        ExpressionBinder Grouped);
}
