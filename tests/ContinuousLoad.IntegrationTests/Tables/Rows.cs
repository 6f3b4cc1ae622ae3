using System.Collections.Immutable;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;
using ContinuousLoad.Tables.Writing;

namespace ContinuousLoad.IntegrationTests.Tables;

/// <summary>Builds row batches for store-level tests from text values, through the same converter writes use.</summary>
public static class Rows
{
    /// <param name="rows">Each row's values as text (null for NULL); a leading "-" on the first value marks a delete.</param>
    public static RowBatch Batch(TestStore store, TableSchema table, string[] columns, params string?[][] rows)
    {
        var stored = columns.Select(c => table.Find(c) ?? throw new InvalidOperationException($"no column {c}")).ToImmutableArray();
        var batch = new RowBatch(table, stored);
        var converter = new RowConverter(table, stored, strictMode: true, store.Session.Evaluation);
        var types = Enumerable.Repeat(DataType.String, columns.Length).ToArray();
        foreach (var row in rows)
        {
            var delete = row[0]?.StartsWith('-') == true;
            var values = row.Select((v, i) => v is null ? SqlValue.Null : SqlValue.FromString(i == 0 && delete ? v[1..] : v)).ToArray();
            var reason = converter.TryAppend(values, types, batch, delete ? RowOperation.Delete : RowOperation.Upsert);
            Assert.Null(reason);
        }

        return batch;
    }

    public static async Task<TableSchema> Table(TestStore store, string name) =>
        (await store.Store.FindTableAsync(store.Database, name, TestContext.Current.CancellationToken))!;
}
