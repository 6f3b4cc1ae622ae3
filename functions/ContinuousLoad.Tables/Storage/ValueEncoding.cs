using System.Globalization;
using ContinuousLoad.Sql.Conversion;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Tables.Storage;

/// <summary>
/// The canonical storage form of each type and the way back. Text forms sort like the values they
/// hold where the stores compare text (dates, datetimes at a fixed precision); decimals keep exactly
/// their column's scale.
/// </summary>
public static class ValueEncoding
{
    public static StorageClass StorageOf(DataType type) => type.Kind switch
    {
        TypeKind.Boolean or TypeKind.TinyInt or TypeKind.SmallInt or TypeKind.Int or TypeKind.BigInt => StorageClass.Integer,
        TypeKind.Float or TypeKind.Double => StorageClass.Real,
        _ => StorageClass.Text,
    };

    /// <summary>Appends a value already converted to <paramref name="type"/>.</summary>
    public static void Append(ColumnVector vector, SqlValue value, DataType type)
    {
        if (value.IsNull)
        {
            vector.AddNull();
            return;
        }

        switch (vector.Storage)
        {
            case StorageClass.Integer:
                vector.AddInteger(value.Kind == ValueKind.Boolean ? (value.AsBoolean ? 1 : 0) : value.AsInteger);
                break;
            case StorageClass.Real:
                vector.AddReal(value.AsDouble);
                break;
            default:
                vector.AddText(Text(value, type));
                break;
        }
    }

    /// <summary>The canonical text of a text-class value.</summary>
    public static string Text(SqlValue value, DataType type) => type.Kind switch
    {
        TypeKind.DateTime => SqlValueFormat.FormatDateTime(value.AsDateTimeMicros, type.Precision),
        TypeKind.Decimal => (value.AsDecimal.Rescale(type.Scale) ?? value.AsDecimal).ToString(),
        TypeKind.Array => SqlValueFormat.ToText(value, -1),
        _ => SqlValueFormat.ToText(value, -1),
    };

    /// <summary>A vector's value at <paramref name="row"/> as a value of <paramref name="type"/>.</summary>
    public static SqlValue Read(ColumnVector vector, int row, DataType type) =>
        vector.IsNull(row) ? SqlValue.Null : vector.Storage switch
        {
            StorageClass.Integer => FromInteger(vector.GetInteger(row), type),
            StorageClass.Real => FromReal(vector.GetReal(row)),
            _ => FromText(vector.GetString(row), type),
        };

    public static SqlValue FromInteger(long value, DataType type) =>
        type.Kind == TypeKind.Boolean ? SqlValue.FromBoolean(value != 0) : SqlValue.FromInteger(value);

    public static SqlValue FromReal(double value) => SqlValue.FromDouble(value);

    /// <summary>Reads a canonical text value back (also accepts PostgreSQL's text output of its native types).</summary>
    public static SqlValue FromText(string text, DataType type) => type.Kind switch
    {
        TypeKind.LargeInt => SqlValue.FromLargeInt(Int128.Parse(text, CultureInfo.InvariantCulture)),
        TypeKind.Decimal => SqlValue.FromDecimal((SqlDecimal.Parse(text).Rescale(type.Scale) ?? SqlDecimal.Parse(text))),
        TypeKind.Date => SqlValue.FromDate(DateOnly.ParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture)),
        TypeKind.DateTime => SqlValue.FromDateTimeMicros(TemporalText.ParseDateTime(text, 6, TimeZoneInfo.Utc)
                                                         ?? throw new FormatException($"stored datetime '{text}' is not readable")),
        TypeKind.Json => SqlValue.FromJson(text),
        TypeKind.Array => ValueConverter.Convert(SqlValue.FromString(text), DataType.String, type, TimeZoneInfo.Utc).Value,
        TypeKind.Boolean => SqlValue.FromBoolean(text is "1" or "t" or "true"),
        TypeKind.TinyInt or TypeKind.SmallInt or TypeKind.Int or TypeKind.BigInt => SqlValue.FromInteger(long.Parse(text, CultureInfo.InvariantCulture)),
        TypeKind.Float or TypeKind.Double => SqlValue.FromDouble(double.Parse(text, CultureInfo.InvariantCulture)),
        _ => SqlValue.FromString(text),
    };
}
