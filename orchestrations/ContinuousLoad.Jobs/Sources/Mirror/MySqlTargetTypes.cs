using ContinuousLoad.Sources.MySql.Metadata;
using ContinuousLoad.Sources.MySql.Values;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Jobs.Sources.Mirror;

/// <summary>
/// A MySQL column's type in a database-level job's target (spec B.7): unsigned integers widen, TINYINT(1) stays
/// TINYINT, BIT(1) is BOOLEAN, strings are sized for UTF-8, TIME, ENUM, SET, JSON and the binary types are STRING.
/// </summary>
public static class MySqlTargetTypes
{
    public static DataType Of(ColumnInfo column) => column.DataType switch
    {
        "tinyint" => column.IsUnsigned ? DataType.SmallInt : DataType.TinyInt,
        "smallint" => column.IsUnsigned ? DataType.Int : DataType.SmallInt,
        "mediumint" => DataType.Int,
        "int" or "integer" => column.IsUnsigned ? DataType.BigInt : DataType.Int,
        "bigint" => column.IsUnsigned ? DataType.LargeInt : DataType.BigInt,
        "year" => DataType.SmallInt,
        "float" => DataType.Float,
        "double" or "real" => DataType.Double,
        "decimal" or "numeric" => TargetTypes.Decimal(column.NumericPrecision ?? 10, column.NumericScale ?? 0),
        "date" => DataType.Date,
        "datetime" or "timestamp" => TargetTypes.DateTime(column.DateTimePrecision),
        "char" when !IsBinary(column) => TargetTypes.Text(column.CharacterMaximumLength ?? 1, fixedLength: true),
        "varchar" when !IsBinary(column) => TargetTypes.Text(column.CharacterMaximumLength ?? 0, fixedLength: false),
        "bit" => column.NumericPrecision == 1 ? DataType.Boolean : DataType.String,
        _ => DataType.String,
    };

    /// <summary>The table as a database-level job creates its target.</summary>
    public static MirroredTable Table(TableInfo table) =>
        new(table.Name, [.. table.Columns.Select(c => new MirroredColumn(c.Name, Of(c), c.IsNullable, c.Comment))], table.PrimaryKey, table.Comment);

    /// <summary>A string column stored in the binary character set holds bytes: its values come as Base64.</summary>
    private static bool IsBinary(ColumnInfo column) => column.CollationId == CharacterSets.BinaryCollation;
}
