using System.Text;
using ContinuousLoad.Sql.Syntax.Definitions;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Sqlite;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>A table's physical form in PostgreSQL: a table in the database's schema, native types, a primary key on the keys of UNIQUE and AGGREGATE tables.</summary>
internal static class PostgresPhysicalSchema
{
    public static string CreateTable(TableSchema table)
    {
        var sql = new StringBuilder("CREATE TABLE ").Append(PostgresNames.Table(table.Database, table.Name)).Append(" (");
        sql.AppendJoin(", ", table.Columns.Select(ColumnDefinition));
        if (table.KeyModel != KeyModel.Duplicate)
        {
            sql.Append(", PRIMARY KEY (").AppendJoin(", ", table.KeyColumns.Select(c => PostgresNames.Quote(c.Name))).Append(')');
        }

        return sql.Append(')').ToString();
    }

    public static string ColumnDefinition(ColumnSchema column)
    {
        var definition = $"{PostgresNames.Quote(column.Name)} {PostgresTypes.Column(column.Type)}";
        return SqlitePhysicalSchema.StoredDefault(column) is { IsNull: false } value ? $"{definition} DEFAULT {Literal(value, column)}" : definition;
    }

    /// <summary>A value as a typed PostgreSQL literal (its canonical text cast to the column type).</summary>
    public static string Literal(SqlValue value, ColumnSchema column) =>
        value.IsNull
            ? $"CAST(NULL AS {PostgresTypes.Of(column.Type)})"
            : $"CAST('{Text(value, column).Replace("'", "''", StringComparison.Ordinal)}' AS {PostgresTypes.Of(column.Type)})";

    private static string Text(SqlValue value, ColumnSchema column) => ValueEncoding.StorageOf(column.Type) switch
    {
        StorageClass.Integer => SqliteQueryEmitter.Storage(value, column.Type).ToString()!,
        StorageClass.Real => SqlValueFormat.FormatDouble(value.AsDouble),
        _ => ValueEncoding.Text(value, column.Type),
    };
}
