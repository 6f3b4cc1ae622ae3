using System.Globalization;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>
/// How each Doris type is stored in PostgreSQL. Text is "C"-collated so strings compare by bytes, as in
/// Doris; JSON is <c>json</c> so object keys keep their order (jsonb would sort them).
/// </summary>
internal static class PostgresTypes
{
    public static string Of(DataType type) => type.Kind switch
    {
        TypeKind.Boolean => "boolean",
        TypeKind.TinyInt or TypeKind.SmallInt => "smallint",
        TypeKind.Int => "integer",
        TypeKind.BigInt => "bigint",
        TypeKind.LargeInt => "numeric(39,0)",
        TypeKind.Float => "real",
        TypeKind.Double => "double precision",
        TypeKind.Decimal => string.Create(CultureInfo.InvariantCulture, $"numeric({type.Precision},{type.Scale})"),
        TypeKind.Date => "date",
        TypeKind.DateTime => string.Create(CultureInfo.InvariantCulture, $"timestamp({type.Precision})"),
        TypeKind.Json => "json",
        TypeKind.Array => "jsonb",
        TypeKind.Null => "text",
        _ => "text",
    };

    /// <summary>The column type in DDL, with the byte-order collation for text.</summary>
    public static string Column(DataType type) => Of(type) == "text" ? "text COLLATE \"C\"" : Of(type);
}
