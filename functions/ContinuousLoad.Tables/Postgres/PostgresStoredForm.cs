using System.Globalization;
using ContinuousLoad.Sql.Conversion;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Storage;
using Npgsql;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>
/// Moves values between PostgreSQL's native types and our storage forms: SQL that renders a native
/// value in canonical form (so 38-digit decimals and datetimes arrive exact), and readers for it.
/// </summary>
internal static class PostgresStoredForm
{
    public static string Expression(string sql, DataType type) => type.Kind switch
    {
        TypeKind.Boolean => $"({sql})::integer",
        TypeKind.TinyInt or TypeKind.SmallInt or TypeKind.Int or TypeKind.BigInt => $"({sql})::bigint",
        TypeKind.Float => $"({sql})::real",
        TypeKind.Double => $"({sql})::double precision",
        TypeKind.Date => $"to_char({sql}, 'YYYY-MM-DD')",
        TypeKind.DateTime when type.Precision == 0 => $"to_char({sql}, 'YYYY-MM-DD HH24:MI:SS')",
        TypeKind.DateTime => $"left(to_char({sql}, 'YYYY-MM-DD HH24:MI:SS.US'), {(20 + type.Precision).ToString(CultureInfo.InvariantCulture)})",
        _ => $"({sql})::text",
    };

    public static SqlValue Read(NpgsqlDataReader reader, int ordinal, DataType type)
    {
        if (reader.IsDBNull(ordinal))
        {
            return SqlValue.Null;
        }

        return type.Kind switch
        {
            TypeKind.Boolean => SqlValue.FromBoolean(reader.GetInt32(ordinal) != 0),
            TypeKind.TinyInt or TypeKind.SmallInt or TypeKind.Int or TypeKind.BigInt => SqlValue.FromInteger(reader.GetInt64(ordinal)),
            TypeKind.Float => SqlValue.FromDouble(double.Parse(reader.GetFloat(ordinal).ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
            TypeKind.Double => SqlValue.FromDouble(reader.GetDouble(ordinal)),
            TypeKind.Json => SqlValue.FromJson(ValueConverter.CanonicalJson(reader.GetString(ordinal)) ?? reader.GetString(ordinal)),
            _ => ValueEncoding.FromText(reader.GetString(ordinal), type),
        };
    }

    /// <summary>Appends a value read with <see cref="Expression"/> to a vector in storage form.</summary>
    public static void Append(NpgsqlDataReader reader, int ordinal, ColumnVector vector, DataType type)
    {
        var value = Read(reader, ordinal, type);
        ValueEncoding.Append(vector, value, type);
    }
}
