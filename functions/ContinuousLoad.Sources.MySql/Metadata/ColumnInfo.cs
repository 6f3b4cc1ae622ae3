using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Metadata;

/// <summary>
/// One column as information_schema.COLUMNS describes it. <see cref="DataType"/> is the bare type
/// ("int", "varchar", "decimal"); <see cref="ColumnType"/> the full definition ("int(10) unsigned",
/// "enum('a','b')"). <see cref="EnumValues"/> lists ENUM/SET members in definition order (what binlog
/// indexes and bitmasks refer to). <see cref="CollationId"/> is the stored charset's collation id, for
/// decoding binlog text (<see cref="CharacterSets"/>); 63 for binary strings, null for non-text columns.
/// </summary>
public sealed record ColumnInfo(
    string Name,
    int Ordinal,
    string DataType,
    string ColumnType,
    bool IsNullable,
    bool IsUnsigned,
    long? CharacterMaximumLength,
    int? NumericPrecision,
    int? NumericScale,
    int? DateTimePrecision,
    string? CharacterSet,
    string? Collation,
    int? CollationId,
    string Comment,
    IReadOnlyList<string> EnumValues)
{
    /// <summary>The .NET representation of this column's values (<see cref="MySqlValues"/>).</summary>
    public MySqlValueKind ValueKind => DataType switch
    {
        "tinyint" or "smallint" or "mediumint" or "int" or "integer" => MySqlValueKind.Int64,
        "bigint" => IsUnsigned ? MySqlValueKind.UInt64 : MySqlValueKind.Int64,
        "decimal" or "numeric" => (NumericPrecision ?? 10) <= MySqlValues.MaxDecimalPrecision ? MySqlValueKind.Decimal : MySqlValueKind.DecimalText,
        "float" => MySqlValueKind.Single,
        "double" or "real" => MySqlValueKind.Double,
        "date" => MySqlValueKind.Date,
        "datetime" => MySqlValueKind.DateTime,
        "timestamp" => MySqlValueKind.Timestamp,
        "time" => MySqlValueKind.Time,
        "year" => MySqlValueKind.Year,
        "bit" => MySqlValueKind.Bit,
        "binary" or "varbinary" or "tinyblob" or "blob" or "mediumblob" or "longblob" or "geometry" or "point" or "linestring" or "polygon"
            or "multipoint" or "multilinestring" or "multipolygon" or "geometrycollection" => MySqlValueKind.Bytes,
        _ => CollationId == CharacterSets.BinaryCollation ? MySqlValueKind.Bytes : MySqlValueKind.Text,
    };
}
