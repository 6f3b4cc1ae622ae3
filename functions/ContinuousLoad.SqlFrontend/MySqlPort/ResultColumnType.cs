using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.SqlFrontend.MySqlPort;

/// <summary>
/// How a result column's type goes out in a ColumnDefinition41, as Doris maps its types to MySQL's (its
/// <c>PrimitiveType.toMysqlType</c>): BOOLEAN and TINYINT as TINY (BOOLEAN with display width 1, which connectors read
/// as a boolean), LARGEINT as a string, DECIMAL as NEWDECIMAL, STRING as BLOB text, JSON as JSON, CHAR, VARCHAR and
/// ARRAY as STRING. Text columns carry utf8mb4, the others the binary character set.
/// </summary>
public readonly record struct ResultColumnType(MySqlColumnType Type, uint Length, byte Decimals, ushort CharacterSet)
{
    /// <summary>utf8mb4_general_ci.</summary>
    public const ushort Utf8Mb4 = 45;

    /// <summary>The binary character set of numbers and dates.</summary>
    public const ushort Binary = 63;

    /// <summary>The decimals of a floating-point column: not fixed.</summary>
    private const byte NotFixedDecimals = 31;

    public static ResultColumnType Of(DataType type) => type.Kind switch
    {
        TypeKind.Boolean => new(MySqlColumnType.Tiny, 1, 0, Binary),
        TypeKind.TinyInt => new(MySqlColumnType.Tiny, 4, 0, Binary),
        TypeKind.SmallInt => new(MySqlColumnType.Short, 6, 0, Binary),
        TypeKind.Int => new(MySqlColumnType.Long, 11, 0, Binary),
        TypeKind.BigInt => new(MySqlColumnType.LongLong, 20, 0, Binary),
        TypeKind.Float => new(MySqlColumnType.Float, 12, NotFixedDecimals, Binary),
        TypeKind.Double => new(MySqlColumnType.Double, 22, NotFixedDecimals, Binary),
        TypeKind.Decimal => new(MySqlColumnType.NewDecimal, (uint)type.Precision + 2, (byte)type.Scale, Binary),
        TypeKind.Date => new(MySqlColumnType.Date, 10, 0, Binary),
        TypeKind.DateTime => new(MySqlColumnType.DateTime, type.Precision == 0 ? 19u : 20u + (uint)type.Precision, (byte)type.Precision, Binary),
        TypeKind.String => new(MySqlColumnType.Blob, 65_535 * 4, 0, Utf8Mb4),
        TypeKind.Json => new(MySqlColumnType.Json, 65_535 * 4, 0, Utf8Mb4),
        TypeKind.Char or TypeKind.Varchar => new(MySqlColumnType.String, (uint)type.Length * 4, 0, Utf8Mb4),
        _ => new(MySqlColumnType.String, 255 * 4, 0, Utf8Mb4), // LARGEINT, ARRAY, NULL
    };
}
