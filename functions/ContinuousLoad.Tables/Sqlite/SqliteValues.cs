using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Storage;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>Reads a stored value back into a typed SQL value.</summary>
internal static class SqliteValues
{
    public static SqlValue Read(SqliteDataReader reader, int ordinal, DataType type)
    {
        if (reader.IsDBNull(ordinal))
        {
            return SqlValue.Null;
        }

        return ValueEncoding.StorageOf(type) switch
        {
            StorageClass.Integer => ValueEncoding.FromInteger(reader.GetInt64(ordinal), type),
            StorageClass.Real => ValueEncoding.FromReal(reader.GetDouble(ordinal)),
            _ => ValueEncoding.FromText(reader.GetString(ordinal), type),
        };
    }
}
