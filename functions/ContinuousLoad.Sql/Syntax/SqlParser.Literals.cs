using System.Globalization;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Sql.Syntax;

/// <summary>Numeric literals and their types.</summary>
public sealed partial class SqlParser
{
    /// <summary>Integer literals take the smallest integer type that holds them, then DECIMAL, then DOUBLE.</summary>
    private static LiteralExpression IntegerLiteral(string text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return IntegerLiteral(value);
        }

        if (Int128.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var large))
        {
            return new LiteralExpression(SqlValue.FromLargeInt(large), DataType.LargeInt);
        }

        return DecimalLiteral(text);
    }

    private static LiteralExpression IntegerLiteral(long value) => new(SqlValue.FromInteger(value), value switch
    {
        >= sbyte.MinValue and <= sbyte.MaxValue => DataType.TinyInt,
        >= short.MinValue and <= short.MaxValue => DataType.SmallInt,
        >= int.MinValue and <= int.MaxValue => DataType.Int,
        _ => DataType.BigInt,
    });

    private static LiteralExpression DecimalLiteral(string text)
    {
        if (SqlDecimal.TryParse(text, out var value))
        {
            return new LiteralExpression(SqlValue.FromDecimal(value), DataType.Decimal(Math.Max(value.Digits, value.Scale), value.Scale));
        }

        return new LiteralExpression(SqlValue.FromDouble(double.Parse(text, CultureInfo.InvariantCulture)), DataType.Double);
    }

    private static LiteralExpression? Negate(LiteralExpression literal) => literal.Value.Kind switch
    {
        ValueKind.Integer => IntegerLiteral(-literal.Value.AsInteger),
        ValueKind.LargeInt when literal.Value.AsLargeInt == (Int128)long.MaxValue + 1 => IntegerLiteral(long.MinValue),
        ValueKind.LargeInt when literal.Value.AsLargeInt == Int128.MinValue => null, // its negation does not fit: evaluated (and refused) at run time
        ValueKind.LargeInt => new LiteralExpression(SqlValue.FromLargeInt(-literal.Value.AsLargeInt), DataType.LargeInt),
        ValueKind.Decimal => new LiteralExpression(
            SqlValue.FromDecimal(literal.Value.AsDecimal with { Unscaled = -literal.Value.AsDecimal.Unscaled }), literal.Type),
        ValueKind.Double => new LiteralExpression(SqlValue.FromDouble(-literal.Value.AsDouble), DataType.Double),
        _ => null,
    };
}
