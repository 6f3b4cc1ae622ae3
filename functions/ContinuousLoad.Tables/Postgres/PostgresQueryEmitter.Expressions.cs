using ContinuousLoad.Sql.Limits;
using System.Globalization;
using System.Text;
using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Queries;

namespace ContinuousLoad.Tables.Postgres;

internal sealed partial class PostgresQueryEmitter
{
    protected override string Expression(BoundExpression expression, Dictionary<int, string> slots)
    {
        StackGuard.Ensure();
        string Go(BoundExpression child) => Expression(child, slots);
        switch (expression)
        {
            case BoundColumn column:
                return slots[column.Ordinal];
            case BoundOutputRef output:
                return $"\"c{output.Index}\"";
            case BoundLiteral literal:
                return Literal(literal.Value, literal.Type);
            case BoundAggregate aggregate:
                return Aggregate(aggregate, slots);
            case BoundCast cast:
                return Cast(Go(cast.Operand), cast.Operand.Type, cast.Type);
            case BoundCall call:
                return Call(call, [.. call.Arguments.Select(Go)]);
            case BoundUnary unary:
                return unary.Operator switch
                {
                    UnaryOperator.Not => $"(NOT {Go(unary.Operand)})",
                    UnaryOperator.BitNot => $"(~{Go(unary.Operand)})",
                    UnaryOperator.Negate => $"(-{Go(unary.Operand)})",
                    _ => Go(unary.Operand),
                };
            case BoundBinary binary:
                return Binary(binary, Go(binary.Left), Go(binary.Right));
            case BoundIsNull isNull:
                return $"({Go(isNull.Operand)} IS {(isNull.Negated ? "NOT " : "")}NULL)";
            case BoundIn @in:
                return $"({Go(@in.Operand)}{Collate(@in.Operand.Type)} {(@in.Negated ? "NOT IN" : "IN")} ({string.Join(", ", @in.Items.Select(Go))}))";
            case BoundLike like:
                return like.Regexp
                    ? $"({Go(like.Operand)} {(like.Negated ? "!~" : "~")} {Go(like.Pattern)})"
                    : $"({Go(like.Operand)} {(like.Negated ? "NOT LIKE" : "LIKE")} {Go(like.Pattern)})";
            case BoundCase @case:
                return Case(@case, slots);
            default:
                throw new DorisException($"{expression.GetType().Name} cannot be emitted for the postgres store");
        }
    }

    private string Binary(BoundBinary binary, string left, string right)
    {
        var type = binary.Type;
        switch (binary.Operator)
        {
            case BinaryOperator.And:
                return $"({left} AND {right})";
            case BinaryOperator.Or:
                return $"({left} OR {right})";
            case BinaryOperator.Xor:
                return $"({left} <> {right})";
            case BinaryOperator.NullSafeEqual:
                return $"({left} IS NOT DISTINCT FROM {right})";
            case BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.LessOrEqual
                or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual:
                var op = binary.Operator switch
                {
                    BinaryOperator.Equal => "=",
                    BinaryOperator.NotEqual => "<>",
                    BinaryOperator.Less => "<",
                    BinaryOperator.LessOrEqual => "<=",
                    BinaryOperator.Greater => ">",
                    _ => ">=",
                };
                return binary.OperandType.Kind is TypeKind.Json or TypeKind.Array
                    ? $"(({left})::text {op} ({right})::text)"
                    : $"({left}{Collate(binary.OperandType)} {op} {right})";
            case BinaryOperator.BitAnd:
                return $"({left} & {right})";
            case BinaryOperator.BitOr:
                return $"({left} | {right})";
            case BinaryOperator.BitXor:
                return $"({left} # {right})";
            case BinaryOperator.ShiftLeft:
                return $"({left} << ({right})::integer)";
            case BinaryOperator.ShiftRight:
                return $"({left} >> ({right})::integer)";
            case BinaryOperator.IntegerDivide:
                return $"CAST(trunc(({left})::numeric / NULLIF(({right})::numeric, 0)) AS {PostgresTypes.Of(type)})";
            case BinaryOperator.Divide when type.Kind == TypeKind.Double:
                return $"(({left})::double precision / NULLIF(({right})::double precision, 0))";
            case BinaryOperator.Divide:
                return $"CAST(({left})::numeric / NULLIF(({right})::numeric, 0) AS {PostgresTypes.Of(type)})";
            case BinaryOperator.Modulo when type.Kind == TypeKind.Double:
                return $"(({left})::double precision - ({right})::double precision * trunc(({left})::double precision / NULLIF(({right})::double precision, 0)))";
            case BinaryOperator.Modulo:
                return $"CAST(mod({left}, NULLIF({right}, 0)) AS {PostgresTypes.Of(type)})";
            default:
                var symbol = binary.Operator switch { BinaryOperator.Add => "+", BinaryOperator.Subtract => "-", _ => "*" };
                return type.Kind == TypeKind.Double
                    ? $"(({left})::double precision {symbol} ({right})::double precision)"
                    : $"CAST({left} {symbol} {right} AS {PostgresTypes.Of(type)})";
        }
    }

    /// <summary>Conversions as Doris makes them: a value that does not convert gives NULL, never an error.</summary>
    private string Cast(string value, DataType source, DataType target)
    {
        var pgTarget = PostgresTypes.Of(target);
        if (source.Kind == TypeKind.Null)
        {
            return $"CAST({value} AS {pgTarget})";
        }

        if (target.IsString)
        {
            return source.Kind switch
            {
                TypeKind.Boolean => $"CASE WHEN {value} THEN '1' WHEN NOT {value} THEN '0' END",
                TypeKind.Date => $"to_char({value}, 'YYYY-MM-DD')",
                TypeKind.DateTime => PostgresStoredForm.Expression(value, source),
                TypeKind.Float or TypeKind.Double => $"({value})::text",
                _ => $"({value})::text",
            };
        }

        var text = source.IsString || source.Kind is TypeKind.Json or TypeKind.Array ? $"({value})::text" : null;
        switch (target.Kind)
        {
            case TypeKind.Boolean:
                return text is not null ? $"cl_catalog.to_boolean({text})" : source.IsNumeric ? $"(({value}) <> 0)" : $"CAST(NULL AS boolean)";
            case TypeKind.TinyInt or TypeKind.SmallInt or TypeKind.Int or TypeKind.BigInt or TypeKind.LargeInt:
                var (low, high) = Range(target);
                if (text is not null)
                {
                    return $"CAST(cl_catalog.to_integer({text}, {low}, {high}) AS {pgTarget})";
                }

                if (source.Kind == TypeKind.Boolean)
                {
                    return $"CAST(({value})::integer AS {pgTarget})";
                }

                var whole = source.IsInteger ? $"({value})::numeric" : $"trunc(({value})::numeric)";
                return source.IsNumeric
                    ? $"CAST(CASE WHEN {whole} BETWEEN {low} AND {high} THEN {whole} END AS {pgTarget})"
                    : $"CAST(NULL AS {pgTarget})";
            case TypeKind.Float or TypeKind.Double:
                return text is not null ? $"CAST(cl_catalog.to_double({text}) AS {pgTarget})"
                    : source.IsNumeric ? $"CAST(({(source.Kind == TypeKind.Boolean ? $"({value})::integer" : value)}) AS {pgTarget})"
                    : $"CAST(NULL AS {pgTarget})";
            case TypeKind.Decimal:
                var precision = target.Precision.ToString(CultureInfo.InvariantCulture);
                var scale = target.Scale.ToString(CultureInfo.InvariantCulture);
                var asText = text ?? (source.Kind == TypeKind.Boolean ? $"(({value})::integer)::text" : $"({value})::text");
                return source.IsNumeric || text is not null
                    ? $"CAST(cl_catalog.to_numeric({asText}, {precision}, {scale}) AS {pgTarget})"
                    : $"CAST(NULL AS {pgTarget})";
            case TypeKind.Date:
                return source.Kind switch
                {
                    TypeKind.DateTime => $"({value})::date",
                    _ when text is not null => $"(cl_catalog.to_timestamp({text}, {Zone()}))::date",
                    _ when source.IsInteger => $"(cl_catalog.to_timestamp(({value})::text, {Zone()}))::date",
                    _ => "CAST(NULL AS date)",
                };
            case TypeKind.DateTime:
                return source.Kind switch
                {
                    TypeKind.Date or TypeKind.DateTime => $"CAST({value} AS {pgTarget})",
                    _ when text is not null => $"CAST(cl_catalog.to_timestamp({text}, {Zone()}) AS {pgTarget})",
                    _ when source.IsInteger => $"CAST(cl_catalog.to_timestamp(({value})::text, {Zone()}) AS {pgTarget})",
                    _ => $"CAST(NULL AS {pgTarget})",
                };
            case TypeKind.Json:
                return text is not null ? $"cl_catalog.to_json({text})" : $"to_json({value})";
            case TypeKind.Array:
                return text is not null ? $"cl_catalog.to_jsonb({text})" : $"to_jsonb({value})";
            default:
                return $"CAST({value} AS {pgTarget})";
        }
    }

    private static (string Low, string High) Range(DataType type) => type.Kind switch
    {
        TypeKind.TinyInt => ("-128", "127"),
        TypeKind.SmallInt => ("-32768", "32767"),
        TypeKind.Int => ("-2147483648", "2147483647"),
        TypeKind.BigInt => ("-9223372036854775808", "9223372036854775807"),
        _ => ("-170141183460469231731687303715884105728", "170141183460469231731687303715884105727"),
    };
}
