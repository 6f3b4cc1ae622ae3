using ContinuousLoad.Sql.Conversion;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Syntax.Definitions;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tables.Writing;

/// <summary>The value a column takes when a write does not give one: its DEFAULT, else NULL (AUTO_INCREMENT: the next id).</summary>
public static class ColumnDefaults
{
    /// <returns>The value, or null when the column has no default and is NOT NULL (the write must name it).</returns>
    public static SqlValue? For(ColumnSchema column, EvaluationContext context) => column.Default switch
    {
        { Kind: ColumnDefaultKind.CurrentTimestamp } d => SqlValue.FromDateTimeMicros(TemporalText.RoundToPrecision(
            context.NowMicros / (d.Precision >= 6 ? 1 : Pow10(6 - d.Precision)) * (d.Precision >= 6 ? 1 : Pow10(6 - d.Precision)), column.Type.Precision)),
        { Kind: ColumnDefaultKind.CurrentDate } => SqlValue.FromDate(DateOnly.FromDayNumber((int)(context.NowMicros / 86_400_000_000))),
        { Kind: ColumnDefaultKind.Literal, Literal: { } text } =>
            ValueConverter.Convert(SqlValue.FromString(text), DataType.String, column.Type, context.TimeZone).Value,
        { Kind: ColumnDefaultKind.Null } => SqlValue.Null,
        _ => column.Nullable || column.AutoIncrement ? SqlValue.Null : null,
    };

    private static long Pow10(int exponent)
    {
        var value = 1L;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }
}
