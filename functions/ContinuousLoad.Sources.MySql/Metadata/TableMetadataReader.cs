using System.Globalization;
using System.Text;
using ContinuousLoad.Sources.MySql.Text;

namespace ContinuousLoad.Sources.MySql.Metadata;

/// <summary>
/// Tables, columns, primary keys and comments from information_schema (TABLES, COLUMNS,
/// KEY_COLUMN_USAGE, COLLATIONS), which MySQL and MariaDB lay out alike. Only base tables are listed;
/// views have no binlog rows. A user sees only tables it has some privilege on.
/// </summary>
public static class TableMetadataReader
{
    public static async Task<IReadOnlyList<string>> ListTablesAsync(MySqlSession session, string schema, CancellationToken cancellationToken)
    {
        var rows = await session.QueryRowsAsync(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA = " +
            SqlText.StringLiteral(schema) + " ORDER BY TABLE_NAME", cancellationToken);
        return rows.Select(row => (string)row[0]!).ToList();
    }

    /// <summary>The primary key of each base table of <paramref name="schema"/> that has one, in key order, in one query.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadPrimaryKeysAsync(MySqlSession session, string schema,
        CancellationToken cancellationToken)
    {
        var rows = await session.QueryRowsAsync(
            "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE CONSTRAINT_NAME = 'PRIMARY' AND TABLE_SCHEMA = " +
            SqlText.StringLiteral(schema) + " ORDER BY TABLE_NAME, ORDINAL_POSITION", cancellationToken);
        return rows.GroupBy(row => (string)row[0]!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(row => (string)row[1]!)], StringComparer.Ordinal);
    }

    /// <summary>The rows of each base table of <paramref name="schema"/> as the server estimates them (<c>TABLE_ROWS</c>), in one query.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> ReadRowEstimatesAsync(MySqlSession session, string schema, CancellationToken cancellationToken)
    {
        var rows = await session.QueryRowsAsync(
            "SELECT TABLE_NAME, COALESCE(TABLE_ROWS, 0) FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA = " +
            SqlText.StringLiteral(schema), cancellationToken);
        return rows.ToDictionary(row => (string)row[0]!, row => Convert.ToInt64(row[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    /// <summary>How many rows the table holds now, counted up to <paramref name="atMost"/> (a table that holds more answers <paramref name="atMost"/>).</summary>
    public static async Task<long> CountRowsAsync(MySqlSession session, string schema, string table, long atMost, CancellationToken cancellationToken)
    {
        var rows = await session.QueryRowsAsync(
            $"SELECT COUNT(*) FROM (SELECT 1 FROM {SqlText.QualifiedName(schema, table)} LIMIT {atMost.ToString(CultureInfo.InvariantCulture)}) AS counted",
            cancellationToken);
        return Convert.ToInt64(rows[0][0], CultureInfo.InvariantCulture);
    }

    /// <summary>The table's description; <see cref="MySqlSourceException"/> when it does not exist or is not visible to the user.</summary>
    public static async Task<TableInfo> ReadTableAsync(MySqlSession session, string schema, string table, CancellationToken cancellationToken)
    {
        var where = " TABLE_SCHEMA = " + SqlText.StringLiteral(schema) + " AND TABLE_NAME = " + SqlText.StringLiteral(table);
        var tableRow = (await session.QueryRowsAsync(
            "SELECT TABLE_TYPE, ENGINE, TABLE_COMMENT FROM information_schema.TABLES WHERE" + where, cancellationToken)).SingleOrDefault()
            ?? throw new MySqlSourceException($"Table {schema}.{table} does not exist, or the user '{session.Options.User}' has no privilege on it.");
        if ((string)tableRow[0]! != "BASE TABLE")
        {
            throw new MySqlSourceException($"{schema}.{table} is a {tableRow[0]}, not a base table; only base tables can be read as a source.");
        }

        var columns = (await session.QueryRowsAsync(
            "SELECT c.COLUMN_NAME, c.ORDINAL_POSITION, c.DATA_TYPE, c.COLUMN_TYPE, c.IS_NULLABLE, c.CHARACTER_MAXIMUM_LENGTH, " +
            "c.NUMERIC_PRECISION, c.NUMERIC_SCALE, c.DATETIME_PRECISION, c.CHARACTER_SET_NAME, c.COLLATION_NAME, co.ID, c.COLUMN_COMMENT " +
            "FROM information_schema.COLUMNS c LEFT JOIN information_schema.COLLATIONS co ON co.COLLATION_NAME = c.COLLATION_NAME WHERE" +
            where.Replace(" TABLE_", " c.TABLE_", StringComparison.Ordinal) + " ORDER BY c.ORDINAL_POSITION", cancellationToken))
            .Select(ToColumn).ToList();
        var key = (await session.QueryRowsAsync(
            "SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE CONSTRAINT_NAME = 'PRIMARY' AND" + where +
            " ORDER BY ORDINAL_POSITION", cancellationToken)).Select(row => (string)row[0]!).ToList();
        return new TableInfo(schema, table, tableRow[1] as string, (string?)tableRow[2] ?? "", columns, key);
    }

    private static ColumnInfo ToColumn(object?[] row)
    {
        var dataType = ((string)row[2]!).ToLowerInvariant();
        var columnType = (string)row[3]!;
        var binaryType = dataType is "binary" or "varbinary" or "tinyblob" or "blob" or "mediumblob" or "longblob";
        return new ColumnInfo(
            (string)row[0]!,
            ToInt(row[1])!.Value,
            dataType,
            columnType,
            (string)row[4]! == "YES",
            columnType.Contains("unsigned", StringComparison.OrdinalIgnoreCase),
            row[5] is null ? null : Convert.ToInt64(row[5], CultureInfo.InvariantCulture),
            ToInt(row[6]),
            ToInt(row[7]),
            ToInt(row[8]),
            row[9] as string,
            row[10] as string,
            binaryType ? Values.CharacterSets.BinaryCollation : ToInt(row[11]),
            (string?)row[12] ?? "",
            dataType is "enum" or "set" ? ParseMembers(columnType) : []);
    }

    private static int? ToInt(object? value) => value is null ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);

    /// <summary>The quoted members of "enum('a','it''s')" in order, quotes undone.</summary>
    internal static IReadOnlyList<string> ParseMembers(string columnType)
    {
        var members = new List<string>();
        var open = columnType.IndexOf('(', StringComparison.Ordinal);
        var current = new StringBuilder();
        var inQuote = false;
        for (var i = open + 1; i < columnType.Length; i++)
        {
            var c = columnType[i];
            if (!inQuote)
            {
                inQuote = c == '\'';
                continue;
            }

            if (c == '\'' && i + 1 < columnType.Length && columnType[i + 1] == '\'')
            {
                current.Append('\'');
                i++;
            }
            else if (c == '\'')
            {
                members.Add(current.ToString());
                current.Clear();
                inQuote = false;
            }
            else
            {
                current.Append(c);
            }
        }

        return members;
    }
}
