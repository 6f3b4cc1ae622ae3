using System.Globalization;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Sql.Syntax;

/// <summary>Expressions with MySQL's precedence, lowest first: OR, XOR, AND, NOT, predicates, |, &amp;, shifts, + -, * / DIV % MOD, ^, unary.</summary>
public sealed partial class SqlParser
{
    private static readonly HashSet<string> IntervalUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        "YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND", "MICROSECOND",
    };

    private static readonly string LargeIntMinMagnitude = UInt128.CreateTruncating(Int128.MinValue).ToString(CultureInfo.InvariantCulture);

    private Expression Expression() => Or();

    private Expression Or()
    {
        var left = Xor();
        while (AcceptKeyword("OR") || AcceptSymbol("||"))
        {
            left = new BinaryExpression(BinaryOperator.Or, left, Xor());
        }

        return left;
    }

    private Expression Xor()
    {
        var left = And();
        while (AcceptKeyword("XOR"))
        {
            left = new BinaryExpression(BinaryOperator.Xor, left, And());
        }

        return left;
    }

    private Expression And()
    {
        var left = Not();
        while (AcceptKeyword("AND") || AcceptSymbol("&&"))
        {
            left = new BinaryExpression(BinaryOperator.And, left, Not());
        }

        return left;
    }

    private Expression Not() => AcceptKeyword("NOT") ? new UnaryExpression(UnaryOperator.Not, Not()) : Predicate();

    private Expression Predicate()
    {
        var left = BitOr();
        while (true)
        {
            if (AcceptKeyword("IS"))
            {
                var negated = AcceptKeyword("NOT");
                ExpectKeyword("NULL");
                left = new IsNullExpression(left, negated);
                continue;
            }

            var not = AtKeyword("NOT") && (Peek().IsKeyword("IN") || Peek().IsKeyword("BETWEEN") || Peek().IsKeyword("LIKE")
                                            || Peek().IsKeyword("REGEXP") || Peek().IsKeyword("RLIKE"));
            if (not)
            {
                _index++;
            }

            if (AcceptKeyword("IN"))
            {
                left = InTail(left, not);
            }
            else if (AcceptKeyword("BETWEEN"))
            {
                var low = BitOr();
                ExpectKeyword("AND");
                left = new BetweenExpression(left, low, BitOr(), not);
            }
            else if (AcceptKeyword("LIKE"))
            {
                left = new LikeExpression(left, BitOr(), not);
            }
            else if (AcceptKeyword("REGEXP") || AcceptKeyword("RLIKE"))
            {
                left = new LikeExpression(left, BitOr(), not, Regexp: true);
            }
            else if (ComparisonOperator() is { } comparison)
            {
                left = new BinaryExpression(comparison, left, BitOr());
            }
            else
            {
                return left;
            }
        }
    }

    private Expression InTail(Expression operand, bool negated)
    {
        ExpectSymbol("(");
        if (AtKeyword("SELECT") || AtKeyword("WITH"))
        {
            var query = Query();
            ExpectSymbol(")");
            return new SubqueryExpression(query, SubqueryKind.In, operand, negated);
        }

        var items = new List<Expression> { Expression() };
        while (AcceptSymbol(","))
        {
            items.Add(Expression());
        }

        ExpectSymbol(")");
        return new InExpression(operand, new NodeList<Expression>(items), negated);
    }

    private BinaryOperator? ComparisonOperator()
    {
        BinaryOperator? op = Current.Kind != TokenKind.Symbol ? null : Current.Text switch
        {
            "=" => BinaryOperator.Equal,
            "<=>" => BinaryOperator.NullSafeEqual,
            "!=" or "<>" => BinaryOperator.NotEqual,
            "<" => BinaryOperator.Less,
            "<=" => BinaryOperator.LessOrEqual,
            ">" => BinaryOperator.Greater,
            ">=" => BinaryOperator.GreaterOrEqual,
            _ => null,
        };
        if (op is not null)
        {
            _index++;
        }

        return op;
    }

    private Expression BitOr() => LeftAssociative(BitAnd, ("|", BinaryOperator.BitOr));

    private Expression BitAnd() => LeftAssociative(Shift, ("&", BinaryOperator.BitAnd));

    private Expression Shift() => LeftAssociative(Additive, ("<<", BinaryOperator.ShiftLeft), (">>", BinaryOperator.ShiftRight));

    private Expression Additive() => LeftAssociative(Multiplicative, ("+", BinaryOperator.Add), ("-", BinaryOperator.Subtract));

    private Expression Multiplicative()
    {
        var left = BitXor();
        while (true)
        {
            BinaryOperator op;
            if (AcceptSymbol("*"))
            {
                op = BinaryOperator.Multiply;
            }
            else if (AcceptSymbol("/"))
            {
                op = BinaryOperator.Divide;
            }
            else if (AcceptSymbol("%") || (AtKeyword("MOD") && !Peek().IsSymbol("(") && AcceptKeyword("MOD")))
            {
                op = BinaryOperator.Modulo;
            }
            else if (AcceptKeyword("DIV"))
            {
                op = BinaryOperator.IntegerDivide;
            }
            else
            {
                return left;
            }

            left = new BinaryExpression(op, left, BitXor());
        }
    }

    private Expression BitXor() => LeftAssociative(Unary, ("^", BinaryOperator.BitXor));

    private Expression LeftAssociative(Func<Expression> operand, params (string Symbol, BinaryOperator Operator)[] operators)
    {
        var left = operand();
        while (true)
        {
            var matched = false;
            foreach (var (symbol, op) in operators)
            {
                if (AcceptSymbol(symbol))
                {
                    left = new BinaryExpression(op, left, operand());
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                return left;
            }
        }
    }

    private Expression Unary()
    {
        if (AcceptSymbol("-"))
        {
            if (Current.Kind == TokenKind.Integer && Current.Text == LargeIntMinMagnitude)
            {
                // The one integer whose magnitude only fits once negated.
                _index++;
                return new LiteralExpression(SqlValue.FromLargeInt(Int128.MinValue), DataType.LargeInt);
            }

            var operand = Unary();
            return operand is LiteralExpression literal && Negate(literal) is { } negated
                ? negated
                : new UnaryExpression(UnaryOperator.Negate, operand);
        }

        if (AcceptSymbol("+"))
        {
            return Unary();
        }

        if (AcceptSymbol("~"))
        {
            return new UnaryExpression(UnaryOperator.BitNot, Unary());
        }

        if (AcceptSymbol("!"))
        {
            return new UnaryExpression(UnaryOperator.Not, Unary());
        }

        return Primary();
    }

    private Expression Primary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
                _index++;
                return IntegerLiteral(token.Text);
            case TokenKind.Decimal:
                _index++;
                return DecimalLiteral(token.Text);
            case TokenKind.Float:
                _index++;
                return new LiteralExpression(SqlValue.FromDouble(double.Parse(token.Text, CultureInfo.InvariantCulture)), DataType.Double);
            case TokenKind.String:
                _index++;
                return LiteralExpression.String(token.Text);
            case TokenKind.Symbol when token.Text == "(":
                return Parenthesized();
            case TokenKind.Symbol when token.Text == "*":
                _index++;
                return new StarExpression(NodeList<string>.Empty);
            case TokenKind.Symbol when token.Text == "?":
                throw Invalid(token, "parameter markers (?) are not supported; write the values into the statement");
            case TokenKind.Word or TokenKind.QuotedName:
                return WordExpression();
            default:
                throw Error("an expression");
        }
    }

    private Expression Parenthesized()
    {
        ExpectSymbol("(");
        if (AtKeyword("SELECT") || AtKeyword("WITH"))
        {
            var query = Query();
            ExpectSymbol(")");
            return new SubqueryExpression(query);
        }

        var inner = Expression();
        ExpectSymbol(")");
        return inner;
    }

    private Expression WordExpression()
    {
        var token = Current;
        if (token.Kind == TokenKind.Word)
        {
            switch (token.Text.ToUpperInvariant())
            {
                case "NULL":
                    _index++;
                    return LiteralExpression.Null;
                case "TRUE" or "FALSE":
                    _index++;
                    return new LiteralExpression(SqlValue.FromBoolean(token.IsKeyword("TRUE")), DataType.Boolean);
                case "CASE":
                    _index++;
                    return Case();
                case "CAST":
                    if (Peek().IsSymbol("("))
                    {
                        _index += 2;
                        var operand = Expression();
                        ExpectKeyword("AS");
                        var target = CastTarget();
                        ExpectSymbol(")");
                        return new CastExpression(operand, target);
                    }

                    break;
                case "INTERVAL":
                    _index++;
                    var value = Expression();
                    if (!(Current.Kind == TokenKind.Word && IntervalUnits.Contains(Current.Text)))
                    {
                        throw Error("an interval unit (YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND)");
                    }

                    return new IntervalExpression(value, Advance().Text.ToUpperInvariant());
                case "EXISTS":
                    _index++;
                    ExpectSymbol("(");
                    var query = Query();
                    ExpectSymbol(")");
                    return new SubqueryExpression(query, SubqueryKind.Exists);
                case "DATE" or "TIMESTAMP" or "DATETIME" when Peek().Kind == TokenKind.String:
                    _index++;
                    var text = Advance().Text;
                    return new CastExpression(LiteralExpression.String(text), token.IsKeyword("DATE") ? DataType.Date : DataType.DateTime(6));
                case "CURRENT_TIMESTAMP" or "CURRENT_DATE" or "CURRENT_TIME" or "LOCALTIME" or "LOCALTIMESTAMP" when !Peek().IsSymbol("("):
                    _index++;
                    return new FunctionCall(token.Text.ToLowerInvariant(), NodeList<Expression>.Empty);
            }
        }

        if (Peek().IsSymbol("(") && (token.Kind == TokenKind.QuotedName || !Reserved.Contains(token.Text) || token.IsKeyword("IF")
                                     || token.IsKeyword("LEFT") || token.IsKeyword("RIGHT") || token.IsKeyword("REPLACE")))
        {
            return Call();
        }

        var parts = new List<string> { ExpectName("an expression") };
        while (AcceptSymbol("."))
        {
            if (AcceptSymbol("*"))
            {
                return new StarExpression(new NodeList<string>(parts));
            }

            parts.Add(ExpectName("a column name after '.'"));
        }

        if (parts.Count > 3)
        {
            throw Invalid(token, $"'{string.Join('.', parts)}' has too many parts; write column, table.column or database.table.column");
        }

        return new ColumnReference(new NodeList<string>(parts));
    }
}
