using System.Globalization;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Tables.Queries;
using ContinuousLoad.Tables.Storage;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>
/// Loads table functions' rows into a query connection's main database as tables of the same physical
/// form stored tables have, through the writers' own encoding (value → column vector → bound
/// parameter), so the query emitter reads them exactly as it reads stored rows.
/// </summary>
internal static class SqliteVirtualTables
{
    private const int ChunkRows = 1024;

    /// <returns>The name each table was loaded under in <c>main</c>.</returns>
    public static IReadOnlyDictionary<VirtualTable, string> Load(SqliteConnection connection, IEnumerable<VirtualTable> tables, CancellationToken cancellationToken)
    {
        var names = new Dictionary<VirtualTable, string>();
        using var transaction = connection.BeginTransaction();
        foreach (var table in tables)
        {
            if (names.ContainsKey(table))
            {
                continue;
            }

            var name = $"{table.Name}_{names.Count.ToString(CultureInfo.InvariantCulture)}";
            var quoted = "\"main\"." + SqliteNames.Quote(name);
            SqliteConnections.Execute(connection,
                $"CREATE TABLE {quoted} ({string.Join(", ", table.Columns.Select(SqlitePhysicalSchema.ColumnDefinition))})", transaction);
            Insert(connection, quoted, table, cancellationToken);
            names.Add(table, name);
        }

        transaction.Commit();
        return names;
    }

    private static void Insert(SqliteConnection connection, string quoted, VirtualTable table, CancellationToken cancellationToken)
    {
        var columns = table.Columns;
        var parameters = string.Join(", ", columns.Select((_, i) => "?" + (i + 1).ToString(CultureInfo.InvariantCulture)));
        using var insert = new SqliteStatement(connection, $"INSERT INTO {quoted} VALUES ({parameters})");
        var vectors = columns.Select(c => new ColumnVector(ValueEncoding.StorageOf(c.Type), ChunkRows)).ToArray();
        for (var start = 0; start < table.Rows.Count; start += ChunkRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(ChunkRows, table.Rows.Count - start);
            foreach (var vector in vectors)
            {
                vector.Clear();
            }

            for (var row = start; row < start + count; row++)
            {
                Encode(table, row, vectors);
            }

            for (var row = 0; row < count; row++)
            {
                for (var c = 0; c < vectors.Length; c++)
                {
                    SqliteBatchWriter.Bind(insert, c + 1, vectors[c], row);
                }

                insert.Execute();
            }
        }
    }

    /// <summary>A value of another type would be stored in a form no stored row has, so it is refused here.</summary>
    private static void Encode(VirtualTable table, int row, ColumnVector[] vectors)
    {
        var values = table.Rows[row];
        if (values.Length != table.Columns.Length)
        {
            throw new InvalidOperationException(
                $"table function {table.Name}() row {row + 1} has {values.Length} values for {table.Columns.Length} columns");
        }

        for (var c = 0; c < values.Length; c++)
        {
            var (value, column) = (values[c], table.Columns[c]);
            if (value.IsNull ? !column.Nullable : value.Kind != ExpressionCompiler.KindOf(column.Type))
            {
                throw new InvalidOperationException(
                    $"table function {table.Name}() row {row + 1} column {column.Name}: {value.Kind} value {value} does not fit {column.Type}{(column.Nullable ? "" : " NOT NULL")}");
            }

            ValueEncoding.Append(vectors[c], value, column.Type);
        }
    }
}
