using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Sql.Syntax;

public sealed partial class SqlParser
{
    /// <summary>
    /// A Doris type: <c>INT</c> (display widths like <c>INT(11)</c> ignored), <c>DECIMAL(p, s)</c>
    /// (alone: DECIMAL(38, 9), as Doris 2.1+), <c>DATETIME(p)</c>, <c>CHAR(n)</c> (alone: 1), <c>VARCHAR(n)</c>
    /// (alone: 65533), <c>STRING</c>/<c>TEXT</c>, <c>JSON</c>/<c>JSONB</c>, <c>ARRAY&lt;T&gt;</c>; the V2/V3 spellings too.
    /// </summary>
    private DataType DataTypeSyntax()
    {
        var token = Current;
        if (token.Kind != TokenKind.Word)
        {
            throw Error("a data type");
        }

        _index++;
        var name = token.Text.ToUpperInvariant();
        try
        {
            return name switch
            {
                "BOOLEAN" or "BOOL" => DataType.Boolean,
                "TINYINT" => IntegerType(DataType.TinyInt),
                "SMALLINT" => IntegerType(DataType.SmallInt),
                "INT" or "INTEGER" or "MEDIUMINT" => IntegerType(DataType.Int),
                "BIGINT" => IntegerType(DataType.BigInt),
                "LARGEINT" => IntegerType(DataType.LargeInt),
                "FLOAT" => FloatType(DataType.Float),
                "DOUBLE" or "REAL" => FloatType(DataType.Double),
                "DECIMAL" or "DECIMALV2" or "DECIMALV3" or "NUMERIC" => DecimalType(),
                "DATE" or "DATEV2" => DataType.Date,
                "DATETIME" or "DATETIMEV2" or "TIMESTAMP" => DataType.DateTime(OptionalLength() ?? 0),
                "CHAR" or "CHARACTER" => DataType.Char(OptionalLength() ?? 1),
                "VARCHAR" => DataType.Varchar(OptionalLength() ?? DataType.MaxVarcharLength),
                "STRING" or "TEXT" => DataType.String,
                "JSON" or "JSONB" => DataType.Json,
                "ARRAY" => ArrayType(),
                "MAP" or "STRUCT" or "VARIANT" or "BITMAP" or "HLL" or "QUANTILE_STATE" or "AGG_STATE" or "IPV4" or "IPV6" or "TIME"
                    => throw Invalid(token, $"type {name} is not supported; supported types are BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, " +
                                            "LARGEINT, FLOAT, DOUBLE, DECIMAL, DATE, DATETIME, CHAR, VARCHAR, STRING, JSON and ARRAY"),
                _ => throw Invalid(token, $"unknown type '{token.Text}'"),
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw Invalid(token, e.Message[..e.Message.IndexOf(" (Parameter", StringComparison.Ordinal)]);
        }
    }

    private DataType IntegerType(DataType type)
    {
        OptionalLength();
        if (AtKeyword("UNSIGNED"))
        {
            throw Invalid(Current, "UNSIGNED integers are not supported; Doris has signed integers only (use the next larger type)");
        }

        AcceptKeyword("SIGNED");
        return type;
    }

    private DataType FloatType(DataType type)
    {
        if (AcceptSymbol("("))
        {
            ExpectInteger("a precision");
            if (AcceptSymbol(","))
            {
                ExpectInteger("a scale");
            }

            ExpectSymbol(")");
        }

        return type;
    }

    private DataType DecimalType()
    {
        if (!AcceptSymbol("("))
        {
            return DataType.Decimal(DataType.MaxDecimalPrecision, 9);
        }

        var precision = (int)Math.Min(ExpectInteger("a precision"), int.MaxValue);
        var scale = AcceptSymbol(",") ? (int)Math.Min(ExpectInteger("a scale"), int.MaxValue) : 0;
        ExpectSymbol(")");
        return DataType.Decimal(precision, scale);
    }

    private DataType ArrayType()
    {
        ExpectSymbol("<");
        Enter();
        var element = DataTypeSyntax();
        ExpectSymbol(">");
        return Leave(DataType.Array(element));
    }

    private int? OptionalLength()
    {
        if (!AcceptSymbol("("))
        {
            return null;
        }

        var length = ExpectInteger("a length");
        ExpectSymbol(")");
        return (int)Math.Min(length, int.MaxValue);
    }
}
