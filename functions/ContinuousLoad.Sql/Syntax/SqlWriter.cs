using System.Text;
using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Sql.Syntax;

/// <summary>Prints syntax back as Doris SQL that parses to the same tree (names backquoted, binary operations parenthesized).</summary>
public static partial class SqlWriter
{
    public static string Quote(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";

    public static string QuoteString(string text) => Quoted(text, '\'');

    /// <summary>A string literal in <paramref name="quote"/>s with MySQL backslash escapes.</summary>
    private static string Quoted(string text, char quote)
    {
        var quoted = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                _ when c == quote => "\\" + quote,
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ => c.ToString(),
            });
        }

        return quoted.Append(quote).ToString();
    }

    public static string Write(Expression expression) => Append(new StringBuilder(), expression).ToString();

    public static string Write(Query query) => Append(new StringBuilder(), query).ToString();

    public static string Literal(SqlValue value) => value.Kind switch
    {
        ValueKind.Null => "NULL",
        ValueKind.Boolean => value.AsBoolean ? "TRUE" : "FALSE",
        ValueKind.String or ValueKind.Json or ValueKind.Date or ValueKind.DateTime or ValueKind.Array => QuoteString(value.ToString()),
        ValueKind.Double => SqlValueFormat.FormatDouble(value.AsDouble) is var text && text.Contains('e', StringComparison.Ordinal)
            ? text : text.Contains('.', StringComparison.Ordinal) ? text + "e0" : text + ".0e0",
        ValueKind.Decimal when value.AsDecimal.Scale == 0 => value + ".", // "7." stays DECIMAL; "7" would read back as an integer
        _ => value.ToString(),
    };

    private static StringBuilder Append(StringBuilder text, Expression expression)
    {
        StackGuard.Ensure();
        switch (expression)
        {
            case LiteralExpression literal:
                return text.Append(Literal(literal.Value));
            case ColumnReference column:
                return text.AppendJoin('.', column.Parts.Select(Quote));
            case StarExpression star:
                return star.Qualifier.IsEmpty ? text.Append('*') : text.AppendJoin('.', star.Qualifier.Select(Quote)).Append(".*");
            case DefaultExpression:
                return text.Append("DEFAULT");
            case SystemVariableExpression variable:
                return text.Append("@@").Append(variable.Scope switch
                {
                    VariableScope.Global => "global.",
                    VariableScope.Session => "session.",
                    _ => "",
                }).Append(variable.Name);
            case FunctionCall call:
                text.Append(call.Name).Append('(');
                if (call.Star)
                {
                    text.Append('*');
                }

                if (call.Distinct)
                {
                    text.Append("DISTINCT ");
                }

                AppendList(text, call.Arguments);
                return text.Append(')');
            case CastExpression cast:
                text.Append("CAST(");
                Append(text, cast.Operand).Append(" AS ");
                return text.Append(cast.Target.ToString()).Append(')');
            case CaseExpression @case:
                text.Append("CASE");
                if (@case.Operand is not null)
                {
                    Append(text.Append(' '), @case.Operand);
                }

                foreach (var when in @case.Whens)
                {
                    Append(text.Append(" WHEN "), when.Condition);
                    Append(text.Append(" THEN "), when.Result);
                }

                if (@case.Else is not null)
                {
                    Append(text.Append(" ELSE "), @case.Else);
                }

                return text.Append(" END");
            case UnaryExpression unary:
                text.Append(unary.Operator switch
                {
                    UnaryOperator.Negate => "-",
                    UnaryOperator.Plus => "+",
                    UnaryOperator.Not => "NOT ",
                    _ => "~",
                });
                return Parenthesized(text, unary.Operand);
            case BinaryExpression binary:
                Parenthesized(text, binary.Left).Append(' ').Append(Symbol(binary.Operator)).Append(' ');
                return Parenthesized(text, binary.Right);
            case IsNullExpression isNull:
                return Parenthesized(text, isNull.Operand).Append(isNull.Negated ? " IS NOT NULL" : " IS NULL");
            case InExpression @in:
                Parenthesized(text, @in.Operand).Append(@in.Negated ? " NOT IN (" : " IN (");
                return AppendList(text, @in.Items).Append(')');
            case BetweenExpression between:
                Parenthesized(text, between.Operand).Append(between.Negated ? " NOT BETWEEN " : " BETWEEN ");
                Parenthesized(text, between.Low).Append(" AND ");
                return Parenthesized(text, between.High);
            case LikeExpression like:
                Parenthesized(text, like.Operand).Append(like.Negated ? " NOT" : "").Append(like.Regexp ? " REGEXP " : " LIKE ");
                return Parenthesized(text, like.Pattern);
            case IntervalExpression interval:
                return Parenthesized(text.Append("INTERVAL "), interval.Value).Append(' ').Append(interval.Unit);
            case SubqueryExpression subquery:
                switch (subquery.Kind)
                {
                    case SubqueryKind.Exists:
                        text.Append(subquery.Negated ? "NOT EXISTS " : "EXISTS ");
                        break;
                    case SubqueryKind.In:
                        Parenthesized(text, subquery.Operand!).Append(subquery.Negated ? " NOT IN " : " IN ");
                        break;
                }

                return Append(text.Append('('), subquery.Query).Append(')');
            default:
                throw new InvalidOperationException($"cannot print {expression.GetType().Name}");
        }
    }

    public static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => "OR",
        BinaryOperator.Xor => "XOR",
        BinaryOperator.And => "AND",
        BinaryOperator.Equal => "=",
        BinaryOperator.NullSafeEqual => "<=>",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.BitOr => "|",
        BinaryOperator.BitAnd => "&",
        BinaryOperator.BitXor => "^",
        BinaryOperator.ShiftLeft => "<<",
        BinaryOperator.ShiftRight => ">>",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.IntegerDivide => "DIV",
        BinaryOperator.Modulo => "%",
        _ => throw new InvalidOperationException($"unknown operator {op}"),
    };

    private static StringBuilder Parenthesized(StringBuilder text, Expression expression) =>
        expression is BinaryExpression or BetweenExpression or LikeExpression or IsNullExpression or InExpression or UnaryExpression
            or SubqueryExpression { Kind: not SubqueryKind.Scalar }
            ? Append(text.Append('('), expression).Append(')')
            : Append(text, expression);

    private static StringBuilder AppendList(StringBuilder text, NodeList<Expression> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            Append(text, items[i]);
        }

        return text;
    }

    private static StringBuilder Append(StringBuilder text, Query query)
    {
        StackGuard.Ensure();
        Append(text, query.Body);
        if (!query.OrderBy.IsEmpty)
        {
            text.Append(" ORDER BY ");
            for (var i = 0; i < query.OrderBy.Count; i++)
            {
                var item = query.OrderBy[i];
                Append(text.Append(i > 0 ? ", " : ""), item.Expression).Append(item.Descending ? " DESC" : " ASC");
                if (item.NullsFirst is { } first)
                {
                    text.Append(first ? " NULLS FIRST" : " NULLS LAST");
                }
            }
        }

        if (query.Limit is { } limit)
        {
            text.Append(" LIMIT ").Append(limit);
        }

        if (query.Offset > 0)
        {
            text.Append(" OFFSET ").Append(query.Offset);
        }

        return text;
    }

    private static StringBuilder Append(StringBuilder text, QueryBody body)
    {
        StackGuard.Ensure();
        switch (body)
        {
            case SelectBody select:
                text.Append("SELECT ").Append(select.Distinct ? "DISTINCT " : "");
                for (var i = 0; i < select.Items.Count; i++)
                {
                    Append(text.Append(i > 0 ? ", " : ""), select.Items[i].Expression);
                    if (select.Items[i].Alias is { } alias)
                    {
                        text.Append(" AS ").Append(Quote(alias));
                    }
                }

                if (select.From is not null)
                {
                    Append(text.Append(" FROM "), select.From);
                }

                if (select.Where is not null)
                {
                    Append(text.Append(" WHERE "), select.Where);
                }

                if (!select.GroupBy.IsEmpty)
                {
                    AppendList(text.Append(" GROUP BY "), select.GroupBy);
                }

                if (select.Having is not null)
                {
                    Append(text.Append(" HAVING "), select.Having);
                }

                return text;
            case SetOperationBody set:
                Append(text, set.Left).Append(' ').Append(set.Operator.ToString().ToUpperInvariant()).Append(set.All ? " ALL " : " ");
                return Append(text, set.Right);
            case NestedQueryBody nested:
                return Append(text.Append('('), nested.Query).Append(')');
            default:
                throw new InvalidOperationException($"cannot print {body.GetType().Name}");
        }
    }

    private static StringBuilder Append(StringBuilder text, TableSource source)
    {
        StackGuard.Ensure();
        switch (source)
        {
            case NamedTableSource named:
                text.Append(named.Name);
                return named.Alias is null ? text : text.Append(' ').Append(Quote(named.Alias));
            case DerivedTableSource derived:
                return Append(text.Append('('), derived.Query).Append(") ").Append(Quote(derived.Alias));
            case TableFunctionSource function:
                AppendProperties(text.Append(PlainName(function.Name)), function.Arguments);
                return function.Alias is null ? text : text.Append(' ').Append(Quote(function.Alias));
            case JoinTableSource join:
                // Joins associate to the left; only a join on the right needs parentheses.
                Append(text, join.Left).Append(join.Kind switch
                {
                    JoinKind.Inner => " INNER JOIN ",
                    JoinKind.Left => " LEFT JOIN ",
                    JoinKind.Right => " RIGHT JOIN ",
                    JoinKind.Full => " FULL JOIN ",
                    _ => " CROSS JOIN ",
                });
                if (join.Right is JoinTableSource)
                {
                    Append(text.Append('('), join.Right).Append(')');
                }
                else
                {
                    Append(text, join.Right);
                }

                if (join.On is not null)
                {
                    Append(text.Append(" ON "), join.On);
                }
                else if (!join.Using.IsEmpty)
                {
                    text.Append(" USING (").AppendJoin(", ", join.Using.Select(Quote)).Append(')');
                }

                return text;
            default:
                throw new InvalidOperationException($"cannot print {source.GetType().Name}");
        }
    }
}
