using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>
/// Applies batches inside an open SQLite transaction, row by row in batch order, so a later row for
/// the same key sees the earlier one exactly as the key model says. Statements are prepared once per
/// column set and reused for every row.
/// </summary>
internal sealed class SqliteBatchWriter(SqliteConnection connection, Func<TableSchema, ColumnSchema, int, long> reserveAutoIncrement) : IDisposable
{
    private readonly Dictionary<string, SqliteStatement> _statements = new(StringComparer.Ordinal);

    public void Apply(RowBatch batch)
    {
        var table = batch.Table;
        var columns = batch.Columns;
        var upsert = Statement(batch.UpdatesOnly ? UpdateSql(table, columns) : UpsertSql(table, columns));
        var sequenced = table.SequenceColumn is not null && columns.Any(c => c.Name.Equals(table.SequenceColumn.Name, StringComparison.OrdinalIgnoreCase));
        var delete = table.HasDeleteSign && !sequenced ? Statement(DeleteSql(table, columns)) : null;
        var autoIncrement = AutoIncrementStart(batch);
        for (var row = 0; row < batch.Count; row++)
        {
            var operation = batch.Operation(row);
            if (operation == RowOperation.Delete && delete is not null)
            {
                var parameter = 1;
                for (var c = 0; c < columns.Length; c++)
                {
                    if (columns[c].IsKey)
                    {
                        Bind(delete, parameter++, batch.Vectors[c], row);
                    }
                }

                delete.Execute();
                continue;
            }

            for (var c = 0; c < columns.Length; c++)
            {
                if (autoIncrement is { } generated && generated.Column == c && batch.Vectors[c].IsNull(row))
                {
                    upsert.BindInteger(c + 1, generated.Next++);
                    autoIncrement = generated;
                }
                else
                {
                    Bind(upsert, c + 1, batch.Vectors[c], row);
                }
            }

            if (table.HasDeleteSign)
            {
                upsert.BindInteger(columns.Length + 1, operation == RowOperation.Delete ? 1 : 0);
            }

            if (upsert.Execute() == 0 && batch.UpdatesOnly && !batch.MissingKeysSkipped)
            {
                throw new NewKeyInPartialUpdateException(KeyText(batch, row));
            }
        }
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
    }

    public static void Bind(SqliteStatement statement, int parameter, ColumnVector vector, int row)
    {
        if (vector.IsNull(row))
        {
            statement.BindNull(parameter);
            return;
        }

        switch (vector.Storage)
        {
            case StorageClass.Integer:
                statement.BindInteger(parameter, vector.GetInteger(row));
                break;
            case StorageClass.Real:
                statement.BindReal(parameter, vector.GetReal(row));
                break;
            default:
                statement.BindText(parameter, vector.GetText(row));
                break;
        }
    }

    /// <summary>Reserves ids for the NULL values of an AUTO_INCREMENT column in the batch.</summary>
    private AutoIncrementCursor? AutoIncrementStart(RowBatch batch)
    {
        for (var c = 0; c < batch.Columns.Length; c++)
        {
            if (!batch.Columns[c].AutoIncrement)
            {
                continue;
            }

            var vector = batch.Vectors[c];
            var missing = 0;
            for (var row = 0; row < batch.Count; row++)
            {
                missing += vector.IsNull(row) ? 1 : 0;
            }

            return missing == 0 ? null : new AutoIncrementCursor(c, reserveAutoIncrement(batch.Table, batch.Columns[c], missing));
        }

        return null;
    }

    private SqliteStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new SqliteStatement(connection, sql);
            _statements.Add(sql, statement);
        }

        return statement;
    }

    private static string UpsertSql(TableSchema table, IReadOnlyList<ColumnSchema> columns)
    {
        var written = table.HasDeleteSign ? [.. columns, table.Find(Identifiers.DeleteSignColumn)!] : columns.ToList();
        var names = string.Join(", ", written.Select(c => SqliteNames.Quote(c.Name)));
        var parameters = string.Join(", ", written.Select((_, i) => "?" + (i + 1)));
        return $"INSERT INTO {SqliteNames.Quote(table.Name)} AS {MergeSql.Current} ({names}) VALUES ({parameters})"
               + MergeSql.OnConflict(table, written, SqliteDialect.Instance);
    }

    /// <summary>Changes an existing row only: the same parameters as the upsert, matched on the key columns.</summary>
    private static string UpdateSql(TableSchema table, IReadOnlyList<ColumnSchema> columns)
    {
        var written = table.HasDeleteSign ? [.. columns, table.Find(Identifiers.DeleteSignColumn)!] : columns.ToList();
        var set = written.Select((c, i) => (c, i)).Where(p => !p.c.IsKey).Select(p => $"{SqliteNames.Quote(p.c.Name)} = ?{p.i + 1}").ToList();
        var match = written.Select((c, i) => (c, i)).Where(p => p.c.IsKey).Select(p => $"{SqliteNames.Quote(p.c.Name)} IS ?{p.i + 1}");
        return $"UPDATE {SqliteNames.Quote(table.Name)} SET {(set.Count > 0 ? string.Join(", ", set) : SqliteNames.Quote(written[0].Name) + " = ?1")} " +
               $"WHERE {string.Join(" AND ", match)}";
    }

    private static string KeyText(RowBatch batch, int row) => string.Join(", ",
        Enumerable.Range(0, batch.Columns.Length).Where(c => batch.Columns[c].IsKey).Select(c => ValueEncoding.Read(batch.Vectors[c], row, batch.Columns[c].Type).ToString()));

    private static string DeleteSql(TableSchema table, IReadOnlyList<ColumnSchema> columns)
    {
        var keys = columns.Where(c => c.IsKey).ToList();
        if (keys.Count != table.KeyColumns.Count())
        {
            throw new DorisException($"Deleting rows of {table.Name} needs every key column");
        }

        return $"DELETE FROM {SqliteNames.Quote(table.Name)} WHERE "
               + string.Join(" AND ", keys.Select((k, i) => $"{SqliteNames.Quote(k.Name)} IS ?{i + 1}"));
    }

    private record struct AutoIncrementCursor(int Column, long Next);
}
