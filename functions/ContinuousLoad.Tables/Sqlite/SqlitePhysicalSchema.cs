using System.Text;
using ContinuousLoad.Sql.Syntax.Definitions;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>
/// A table's physical form in SQLite: INTEGER / REAL / TEXT columns by storage class, DECIMAL and
/// LARGEINT text with the numeric collation, literal defaults in storage form, and a primary key on
/// the key columns of UNIQUE and AGGREGATE tables.
/// </summary>
internal static class SqlitePhysicalSchema
{
    public static string CreateTable(TableSchema table)
    {
        var sql = new StringBuilder("CREATE TABLE ").Append(SqliteNames.Quote(table.Name)).Append(" (");
        sql.AppendJoin(", ", table.Columns.Select(ColumnDefinition));
        if (table.KeyModel != KeyModel.Duplicate)
        {
            sql.Append(", PRIMARY KEY (").AppendJoin(", ", table.KeyColumns.Select(c => SqliteNames.Quote(c.Name))).Append(')');
        }

        return sql.Append(')').ToString();
    }

    public static string ColumnDefinition(ColumnSchema column)
    {
        var definition = new StringBuilder(SqliteNames.Quote(column.Name)).Append(' ').Append(ValueEncoding.StorageOf(column.Type) switch
        {
            StorageClass.Integer => "INTEGER",
            StorageClass.Real => "REAL",
            _ => "TEXT",
        });
        if (SqliteDialect.IsNumericText(column.Type))
        {
            definition.Append(" COLLATE ").Append(SqliteNumericCollation.Name);
        }

        if (StoredDefault(column) is { } value)
        {
            definition.Append(" DEFAULT ").Append(Literal(value, column.Type));
        }

        return definition.ToString();
    }

    /// <summary>A literal default in the column's storage form (time-based defaults are filled by the writer).</summary>
    public static SqlValue? StoredDefault(ColumnSchema column) =>
        column.Default is { Kind: ColumnDefaultKind.Literal, Literal: { } text }
            ? Sql.Conversion.ValueConverter.Convert(SqlValue.FromString(text), DataType.String, column.Type, TimeZoneInfo.Utc).Value
            : null;

    public static string Literal(SqlValue value, DataType type)
    {
        if (value.IsNull)
        {
            return "NULL";
        }

        return ValueEncoding.StorageOf(type) switch
        {
            StorageClass.Integer => (value.Kind == ValueKind.Boolean ? (value.AsBoolean ? 1 : 0) : value.AsInteger).ToString(System.Globalization.CultureInfo.InvariantCulture),
            StorageClass.Real => Sql.Values.SqlValueFormat.FormatDouble(value.AsDouble) is var text && double.IsFinite(value.AsDouble) ? text : "NULL",
            _ => "'" + ValueEncoding.Text(value, type).Replace("'", "''", StringComparison.Ordinal) + "'",
        };
    }
}
