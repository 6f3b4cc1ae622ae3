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

    private const int OrPrecedence = 1;
    private const int XorPrecedence = 2;
    private const int AndPrecedence = 3;
    private const int NotPrecedence = 4;
    private const int PredicatePrecedence = 5;
    private const int BitOrPrecedence = 6;
    private const int BitAndPrecedence = 7;
    private const int ShiftPrecedence = 8;
    private const int AdditivePrecedence = 9;
    private const int MultiplicativePrecedence = 10;
    private const int BitXorPrecedence = 11;

    /// <summary>
    /// An expression, by precedence climbing: a few frames per nesting level (parentheses, calls, CASE),
    /// none per operator in a chain, so the parser's own stack stays small; the tree it builds is measured
    /// against the limits when the outermost construct is complete.
    /// </summary>
    private Expression Expression()
    {
        Enter();
        return Leave(Binary(OrPrecedence));
    }

    /// <summary>Operands joined by infix operators of at least <paramref name="minimum"/> precedence, left-associative.</summary>
    private Expression Binary(int minimum)
    {
        var left = Prefix(minimum);
        while (true)
        {
            var precedence = InfixPrecedence();
            if (precedence < minimum)
            {
                return left;
            }

            left = precedence == PredicatePrecedence ? PredicateTail(left) : BinaryTail(left, precedence);
        }
    }

    /// <summary>The precedence of the infix operator at the current token, or 0 when there is none.</summary>
    private int InfixPrecedence()
    {
        var token = Current;
        if (token.Kind == TokenKind.Symbol)
        {
            return token.Text switch
            {
                "||" => OrPrecedence,
                "&&" => AndPrecedence,
                ">" when AtShiftRight() => ShiftPrecedence,
                "=" or "<=>" or "!=" or "<>" or "<" or "<=" or ">" or ">=" => PredicatePrecedence,
                "|" => BitOrPrecedence,
                "&" => BitAndPrecedence,
                "<<" => ShiftPrecedence,
                "+" or "-" => AdditivePrecedence,
                "*" or "/" or "%" => MultiplicativePrecedence,
                "^" => BitXorPrecedence,
                _ => 0,
            };
        }

        if (token.Kind != TokenKind.Word)
        {
            return 0;
        }

        return token.Text.ToUpperInvariant() switch
        {
            "OR" => OrPrecedence,
            "XOR" => XorPrecedence,
            "AND" => AndPrecedence,
            "IS" or "IN" or "BETWEEN" or "LIKE" or "REGEXP" or "RLIKE" => PredicatePrecedence,
            "NOT" when Peek() is { Kind: TokenKind.Word } next && (next.IsKeyword("IN") || next.IsKeyword("BETWEEN") || next.IsKeyword("LIKE")
                                                                    || next.IsKeyword("REGEXP") || next.IsKeyword("RLIKE")) => PredicatePrecedence,
            "DIV" => MultiplicativePrecedence,
            "MOD" when !Peek().IsSymbol("(") => MultiplicativePrecedence,
            _ => 0,
        };
    }

    /// <summary><c>&gt;&gt;</c>: the lexer gives two adjacent <c>&gt;</c>, so that <c>ARRAY&lt;ARRAY&lt;INT&gt;&gt;</c> closes twice.</summary>
    private bool AtShiftRight() => AtSymbol(">") && Peek() is { Kind: TokenKind.Symbol, Text: ">" } next && next.Offset == Current.Offset + 1;

    private BinaryExpression BinaryTail(Expression left, int precedence)
    {
        var token = Advance();
        BinaryOperator op;
        if (token.Kind == TokenKind.Symbol)
        {
            if (token.Text == ">")
            {
                _index++; // the second '>' of '>>'
            }

            op = token.Text switch
            {
                "||" => BinaryOperator.Or,
                "&&" => BinaryOperator.And,
                ">" => BinaryOperator.ShiftRight,
                "|" => BinaryOperator.BitOr,
                "&" => BinaryOperator.BitAnd,
                "<<" => BinaryOperator.ShiftLeft,
                "+" => BinaryOperator.Add,
                "-" => BinaryOperator.Subtract,
                "*" => BinaryOperator.Multiply,
                "/" => BinaryOperator.Divide,
                "%" => BinaryOperator.Modulo,
                _ => BinaryOperator.BitXor,
            };
        }
        else
        {
            op = token.Text.ToUpperInvariant() switch
            {
                "OR" => BinaryOperator.Or,
                "XOR" => BinaryOperator.Xor,
                "AND" => BinaryOperator.And,
                "DIV" => BinaryOperator.IntegerDivide,
                _ => BinaryOperator.Modulo,
            };
        }

        return new BinaryExpression(op, left, Binary(precedence + 1));
    }

    /// <summary><c>IS [NOT] NULL</c>, <c>[NOT] IN</c>, <c>[NOT] BETWEEN</c>, <c>[NOT] LIKE</c>/<c>REGEXP</c> and comparisons, all at one level.</summary>
    private Expression PredicateTail(Expression left)
    {
        if (AcceptKeyword("IS"))
        {
            var negated = AcceptKeyword("NOT");
            ExpectKeyword("NULL");
            return new IsNullExpression(left, negated);
        }

        var not = AcceptKeyword("NOT");
        if (AcceptKeyword("IN"))
        {
            return InTail(left, not);
        }

        if (AcceptKeyword("BETWEEN"))
        {
            var low = Binary(BitOrPrecedence);
            ExpectKeyword("AND");
            return new BetweenExpression(left, low, Binary(BitOrPrecedence), not);
        }

        if (AcceptKeyword("LIKE"))
        {
            return new LikeExpression(left, Binary(BitOrPrecedence), not);
        }

        if (AcceptKeyword("REGEXP") || AcceptKeyword("RLIKE"))
        {
            return new LikeExpression(left, Binary(BitOrPrecedence), not, Regexp: true);
        }

        var comparison = Advance().Text switch
        {
            "=" => BinaryOperator.Equal,
            "<=>" => BinaryOperator.NullSafeEqual,
            "!=" or "<>" => BinaryOperator.NotEqual,
            "<" => BinaryOperator.Less,
            "<=" => BinaryOperator.LessOrEqual,
            ">" => BinaryOperator.Greater,
            _ => BinaryOperator.GreaterOrEqual,
        };
        return new BinaryExpression(comparison, left, Binary(BitOrPrecedence));
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

    /// <summary>
    /// <c>NOT</c> binds below the predicates (<c>NOT a = b</c> is <c>NOT (a = b)</c>) and is only read where
    /// an operand of AND, XOR or OR may start. A run of them is read in a loop, not by recursion.
    /// </summary>
    private Expression Prefix(int minimum)
    {
        if (minimum > NotPrecedence || !AtKeyword("NOT"))
        {
            return Unary();
        }

        var count = 0;
        while (AcceptKeyword("NOT"))
        {
            count++;
        }

        var operand = Binary(NotPrecedence + 1);
        for (var i = 0; i < count; i++)
        {
            operand = new UnaryExpression(UnaryOperator.Not, operand);
        }

        return operand;
    }

    /// <summary>Prefix <c>-</c>, <c>+</c>, <c>~</c> and <c>!</c>, read in a loop and applied innermost first; negative literals fold.</summary>
    private Expression Unary()
    {
        List<string>? prefixes = null;
        while (Current.Kind == TokenKind.Symbol && Current.Text is "-" or "+" or "~" or "!" && !AtLargeIntMin())
        {
            (prefixes ??= []).Add(Advance().Text);
        }

        Expression operand;
        if (AtLargeIntMin())
        {
            // The one integer whose magnitude only fits once negated.
            _index += 2;
            operand = new LiteralExpression(SqlValue.FromLargeInt(Int128.MinValue), DataType.LargeInt);
        }
        else
        {
            operand = Primary();
        }

        for (var i = (prefixes?.Count ?? 0) - 1; i >= 0; i--)
        {
            operand = prefixes![i] switch
            {
                "-" => operand is LiteralExpression literal && Negate(literal) is { } negated ? negated : new UnaryExpression(UnaryOperator.Negate, operand),
                "~" => new UnaryExpression(UnaryOperator.BitNot, operand),
                "!" => new UnaryExpression(UnaryOperator.Not, operand),
                _ => operand,
            };
        }

        return operand;
    }

    private bool AtLargeIntMin() => AtSymbol("-") && Peek() is { Kind: TokenKind.Integer } next && next.Text == LargeIntMinMagnitude;

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
            case TokenKind.SystemVariable:
                _index++;
                return SystemVariable(token);
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
