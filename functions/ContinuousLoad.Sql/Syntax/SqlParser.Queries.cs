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

        Enter();

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

        return Leave(new Query(body, orderBy, limit, offset));
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
        Hints();
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
            if (AtKeyword("SELECT") || AtKeyword("WITH") || OpensParenthesizedQuery())
            {
                return DerivedTable();
            }

            Enter();
            var inner = TableSource();
            ExpectSymbol(")");
            return Leave(inner);
        }

        if (AtName() && Peek().IsSymbol("("))
        {
            var function = Advance().Text;
            var arguments = PropertyList(bareWords: true); // job(type=insert), as Doris's manual writes it
            return new TableFunctionSource(function, arguments, Alias());
        }

        var name = QualifiedTableName();
        return new NamedTableSource(name, Alias());
    }

    /// <summary>
    /// After a '(' in FROM, at another '(': whether the outer parenthesis holds a query — "((SELECT 1)) x",
    /// "((SELECT 1) UNION (SELECT 2)) x" — rather than a table source such as "((SELECT 1) x JOIN y ON ...)".
    /// Decided by looking at the tokens, never by parsing twice (which costs twice per level).
    /// </summary>
    private bool OpensParenthesizedQuery() => AtSymbol("(") && HoldsQuery(_index) && ContinuesQuery(_closing[_index]);

    /// <summary>
    /// Whether the parenthesis at <paramref name="open"/> holds a query: SELECT right inside it, or a
    /// parenthesis that holds one and is followed by what may follow a query term. Worked out from the
    /// innermost parenthesis of the run outward, each answer remembered.
    /// </summary>
    private bool HoldsQuery(int open)
    {
        if (_holdsQuery[open] != 0)
        {
            return _holdsQuery[open] > 0;
        }

        var innermost = open;
        while (_tokens[innermost + 1].IsSymbol("(") && _holdsQuery[innermost + 1] == 0)
        {
            innermost++;
        }

        for (var i = innermost; i >= open; i--)
        {
            var inside = _tokens[i + 1];
            var holds = inside.IsKeyword("SELECT") || inside.IsKeyword("WITH")
                        || (inside.IsSymbol("(") && _holdsQuery[i + 1] > 0 && ContinuesQuery(_closing[i + 1]));
            _holdsQuery[i] = holds ? (sbyte)1 : (sbyte)-1;
        }

        return _holdsQuery[open] > 0;
    }

    /// <summary>Whether the token after the parenthesis closing at <paramref name="close"/> may follow a query term.</summary>
    private bool ContinuesQuery(int close)
    {
        if (close < 0)
        {
            return true; // unbalanced: the query reading reports where
        }

        var after = _tokens[close + 1];
        return after.IsSymbol(")") || after.IsKeyword("UNION") || after.IsKeyword("EXCEPT") || after.IsKeyword("MINUS")
               || after.IsKeyword("INTERSECT") || after.IsKeyword("ORDER") || after.IsKeyword("LIMIT") || after.IsKeyword("OFFSET");
    }

    private DerivedTableSource DerivedTable()
    {
        var query = Query();
        ExpectSymbol(")");
        var alias = Alias() ?? throw Error("an alias for the subquery in FROM (Every derived table must have its own alias)");
        return new DerivedTableSource(query, alias);
    }
}
