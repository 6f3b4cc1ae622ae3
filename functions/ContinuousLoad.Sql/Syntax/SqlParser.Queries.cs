using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Queries;

namespace ContinuousLoad.Sql.Syntax;

public sealed partial class SqlParser
{
    private Query Query()
    {
        if (AtKeyword("WITH"))
        {
            throw Invalid(Current, "WITH (common table expressions) is not supported; use a subquery in FROM");
        }

        var body = UnionLevel();
        var orderBy = NodeList<OrderItem>.Empty;
        if (AcceptKeywords("ORDER", "BY"))
        {
            orderBy = OrderItems();
        }

        long? limit = null;
        long offset = 0;
        if (AcceptKeyword("LIMIT"))
        {
            limit = ExpectInteger("a row count after LIMIT");
            if (AcceptSymbol(","))
            {
                offset = limit.Value;
                limit = ExpectInteger("a row count after LIMIT offset,");
            }
            else if (AcceptKeyword("OFFSET"))
            {
                offset = ExpectInteger("a row count after OFFSET");
            }
        }
        else if (AcceptKeyword("OFFSET"))
        {
            offset = ExpectInteger("a row count after OFFSET");
        }

        return new Query(body, orderBy, limit, offset);
    }

    private NodeList<OrderItem> OrderItems()
    {
        var items = new List<OrderItem>();
        do
        {
            var expression = Expression();
            var descending = AcceptKeyword("DESC");
            if (!descending)
            {
                AcceptKeyword("ASC");
            }

            bool? nullsFirst = null;
            if (AcceptKeyword("NULLS"))
            {
                if (AcceptKeyword("FIRST"))
                {
                    nullsFirst = true;
                }
                else
                {
                    ExpectKeyword("LAST");
                    nullsFirst = false;
                }
            }

            items.Add(new OrderItem(expression, descending, nullsFirst));
        }
        while (AcceptSymbol(","));

        return new NodeList<OrderItem>(items);
    }

    private QueryBody UnionLevel()
    {
        var left = IntersectLevel();
        while (true)
        {
            SetOperator op;
            if (AcceptKeyword("UNION"))
            {
                op = SetOperator.Union;
            }
            else if (AcceptKeyword("EXCEPT") || AcceptKeyword("MINUS"))
            {
                op = SetOperator.Except;
            }
            else
            {
                return left;
            }

            var all = AcceptKeyword("ALL");
            if (!all)
            {
                AcceptKeyword("DISTINCT");
            }

            left = new SetOperationBody(op, all, left, IntersectLevel());
        }
    }

    private QueryBody IntersectLevel()
    {
        var left = QueryTerm();
        while (AcceptKeyword("INTERSECT"))
        {
            var all = AcceptKeyword("ALL");
            if (!all)
            {
                AcceptKeyword("DISTINCT");
            }

            left = new SetOperationBody(SetOperator.Intersect, all, left, QueryTerm());
        }

        return left;
    }

    private QueryBody QueryTerm()
    {
        if (AcceptSymbol("("))
        {
            var inner = Query();
            ExpectSymbol(")");
            return inner.OrderBy.IsEmpty && inner.Limit is null && inner.Offset == 0 ? inner.Body : new NestedQueryBody(inner);
        }

        ExpectKeyword("SELECT");
        var distinct = AcceptKeyword("DISTINCT");
        if (!distinct)
        {
            AcceptKeyword("ALL");
        }

        var items = new List<SelectItem>();
        do
        {
            items.Add(SelectItem());
        }
        while (AcceptSymbol(","));

        var from = AcceptKeyword("FROM") ? TableSource() : null;
        var where = AcceptKeyword("WHERE") ? Expression() : null;
        var groupBy = NodeList<Expression>.Empty;
        if (AcceptKeywords("GROUP", "BY"))
        {
            var keys = new List<Expression>();
            do
            {
                keys.Add(Expression());
            }
            while (AcceptSymbol(","));

            groupBy = new NodeList<Expression>(keys);
        }

        var having = AcceptKeyword("HAVING") ? Expression() : null;
        return new SelectBody(distinct, new NodeList<SelectItem>(items), from, where, groupBy, having);
    }

    private SelectItem SelectItem()
    {
        var expression = Expression();
        if (expression is StarExpression)
        {
            return new SelectItem(expression, null);
        }

        return new SelectItem(expression, Alias());
    }

    /// <summary>An optional alias: <c>AS name</c>, <c>AS 'name'</c> or a bare non-reserved name.</summary>
    private string? Alias()
    {
        if (AcceptKeyword("AS"))
        {
            return ExpectNameOrString("an alias after AS");
        }

        return AtName() || Current.Kind == TokenKind.String ? Advance().Text : null;
    }

    private TableSource TableSource()
    {
        var left = TableFactor();
        while (true)
        {
            JoinKind kind;
            if (AcceptSymbol(","))
            {
                left = new JoinTableSource(JoinKind.Cross, left, TableFactor(), null, NodeList<string>.Empty);
                continue;
            }

            if (AcceptKeyword("JOIN") || AcceptKeywords("INNER", "JOIN"))
            {
                kind = JoinKind.Inner;
            }
            else if (AcceptKeywords("CROSS", "JOIN"))
            {
                kind = JoinKind.Cross;
            }
            else if (AcceptKeyword("LEFT"))
            {
                kind = JoinKind.Left;
                AcceptKeyword("OUTER");
                ExpectKeyword("JOIN");
            }
            else if (AcceptKeyword("RIGHT"))
            {
                kind = JoinKind.Right;
                AcceptKeyword("OUTER");
                ExpectKeyword("JOIN");
            }
            else if (AcceptKeyword("FULL"))
            {
                kind = JoinKind.Full;
                AcceptKeyword("OUTER");
                ExpectKeyword("JOIN");
            }
            else
            {
                return left;
            }

            var right = TableFactor();
            Expression? on = null;
            var usingColumns = NodeList<string>.Empty;
            if (kind != JoinKind.Cross)
            {
                if (AcceptKeyword("ON"))
                {
                    on = Expression();
                }
                else if (AcceptKeyword("USING"))
                {
                    usingColumns = ParenthesizedNames("a column name");
                }
                else
                {
                    throw Error("ON or USING after JOIN");
                }
            }

            left = new JoinTableSource(kind, left, right, on, usingColumns);
        }
    }

    private TableSource TableFactor()
    {
        if (AcceptSymbol("("))
        {
            if (AtKeyword("SELECT") || AtKeyword("WITH"))
            {
                return DerivedTable();
            }

            if (AtSymbol("("))
            {
                // "((SELECT ...) x JOIN y)" or "((SELECT ...)) x": try the query reading first.
                var start = _index;
                try
                {
                    return DerivedTable();
                }
                catch (SqlSyntaxException)
                {
                    _index = start;
                }
            }

            var inner = TableSource();
            ExpectSymbol(")");
            return inner;
        }

        if (AtName() && Peek().IsSymbol("("))
        {
            var function = Advance().Text;
            var arguments = PropertyList();
            return new TableFunctionSource(function, arguments, Alias());
        }

        var name = QualifiedTableName();
        return new NamedTableSource(name, Alias());
    }

    private DerivedTableSource DerivedTable()
    {
        var query = Query();
        ExpectSymbol(")");
        var alias = Alias() ?? throw Error("an alias for the subquery in FROM (Every derived table must have its own alias)");
        return new DerivedTableSource(query, alias);
    }
}
