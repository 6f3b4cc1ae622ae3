using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>
/// Rows of a 2PC transaction wait in per-table staging tables (committed, invisible) until the
/// transaction is committed — then they are applied in their original order — or aborted and dropped.
/// </summary>
internal sealed class SqliteStaging(SqliteConnection connection, SqliteTransaction transaction, long transactionId)
{
    private readonly Dictionary<string, StagedTable> _tables = new(StringComparer.Ordinal);

    public void Stage(RowBatch batch)
    {
        var key = batch.Table.Name + "\n" + string.Join(",", batch.Columns.Select(c => c.Name));
        if (!_tables.TryGetValue(key, out var staged))
        {
            var stage = $"__cl_stage_{transactionId.ToString(CultureInfo.InvariantCulture)}_{_tables.Count.ToString(CultureInfo.InvariantCulture)}";
            var definition = string.Join(", ", batch.Columns.Select(SqlitePhysicalSchema.ColumnDefinition)) + ", \"__cl_op\" INTEGER";
            SqliteConnections.Execute(connection, $"CREATE TABLE {SqliteNames.Quote(stage)} ({definition})", transaction);
            staged = new StagedTable(batch.Table.Name, stage, [.. batch.Columns.Select(c => c.Name)]);
            _tables.Add(key, staged);
        }

        var names = string.Join(", ", batch.Columns.Select(c => SqliteNames.Quote(c.Name)));
        var parameters = string.Join(", ", Enumerable.Range(1, batch.Columns.Length + 1).Select(i => "?" + i));
        using var insert = new SqliteStatement(connection, $"INSERT INTO {SqliteNames.Quote(staged.Stage)} ({names}, \"__cl_op\") VALUES ({parameters})");
        for (var row = 0; row < batch.Count; row++)
        {
            for (var c = 0; c < batch.Columns.Length; c++)
            {
                SqliteBatchWriter.Bind(insert, c + 1, batch.Vectors[c], row);
            }

            insert.BindInteger(batch.Columns.Length + 1, (long)batch.Operation(row));
            insert.Execute();
        }
    }

    public string? Describe() => _tables.Count == 0 ? null : JsonSerializer.Serialize(_tables.Values.ToList());

    /// <summary>Applies the staged rows of a pre-committed transaction, then drops the staging tables.</summary>
    public static void Apply(SqliteConnection connection, SqliteTransaction transaction, string? staged, Func<string, TableSchema> table, SqliteBatchWriter writer)
    {
        foreach (var stage in Read(staged))
        {
            var schema = table(stage.Table);
            var columns = stage.Columns.Select(name => schema.Find(name)
                ?? throw new DorisException($"Column {name} of table {schema.Name} was dropped while transaction data waited for commit")).ToImmutableArray();
            var batch = new RowBatch(schema, columns);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT {string.Join(", ", stage.Columns.Select(SqliteNames.Quote))}, \"__cl_op\" FROM {SqliteNames.Quote(stage.Stage)} ORDER BY rowid";
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    for (var c = 0; c < columns.Length; c++)
                    {
                        var vector = batch.Vectors[c];
                        if (reader.IsDBNull(c))
                        {
                            vector.AddNull();
                        }
                        else if (vector.Storage == StorageClass.Integer)
                        {
                            vector.AddInteger(reader.GetInt64(c));
                        }
                        else if (vector.Storage == StorageClass.Real)
                        {
                            vector.AddReal(reader.GetDouble(c));
                        }
                        else
                        {
                            vector.AddText(reader.GetString(c));
                        }
                    }

                    batch.EndRow((RowOperation)reader.GetInt64(columns.Length));
                    if (batch.Count == 4096)
                    {
                        writer.Apply(batch);
                        batch.Clear();
                    }
                }
            }

            writer.Apply(batch);
        }

        Drop(connection, transaction, staged);
    }

    public static void Drop(SqliteConnection connection, SqliteTransaction transaction, string? staged)
    {
        foreach (var stage in Read(staged))
        {
            SqliteConnections.Execute(connection, $"DROP TABLE IF EXISTS {SqliteNames.Quote(stage.Stage)}", transaction);
        }
    }

    private static List<StagedTable> Read(string? staged) =>
        staged is null ? [] : JsonSerializer.Deserialize<List<StagedTable>>(staged) ?? [];

    /// <summary>Where one table's staged rows are, and which columns they carry.</summary>
    internal sealed record StagedTable(string Table, string Stage, string[] Columns);
}
