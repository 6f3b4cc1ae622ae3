using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Postgres;
using ContinuousLoad.Tables.Sqlite;
using ContinuousLoad.Tables.Storage;
using ContinuousLoad.Tables.Writing;

namespace ContinuousLoad.Bench;

/// <summary>
/// Writes the rows file into a UNIQUE KEY table through the store interface: fields converted by the
/// load path's encoders into batches (parsing overlapped with writing), one write transaction with a
/// label, like a load does.
/// Prints one JSON line with rows, seconds and peak memory.
/// </summary>
public static class TablesWrite
{
    private const int BatchSize = 16384;

    public static async Task<int> RunAsync(string kind, string target, string file)
    {
        ITableStore store = kind == "sqlite" ? new SqliteTableStore(target) : await PostgresTableStore.OpenAsync(target, CancellationToken.None);
        await using (store)
        {
            const string database = "bench";
            await store.DropDatabaseAsync(database, ifExists: true, CancellationToken.None);
            await store.CreateDatabaseAsync(database, ifNotExists: false, CancellationToken.None);
            var table = TableSchemaBuilder.Build((CreateTableStatement)SqlParser.ParseStatement(RowsFile.DorisTable), database);
            await store.CreateTableAsync(table, ifNotExists: false, CancellationToken.None);
            var columns = table.VisibleColumns.ToImmutableArray();
            var encoders = columns.Select(c => new FieldEncoder(c.Type, TimeZoneInfo.Utc)).ToArray();

            var clock = Stopwatch.StartNew();
            long rows;
            await using (var transaction = await store.BeginWriteAsync(database, "bench_write", WriteMode.Direct, CancellationToken.None))
            {
                // Parsing overlaps writing, as a load's pipeline does: two batches in flight at most.
                var ready = Channel.CreateBounded<RowBatch>(1);
                var free = Channel.CreateUnbounded<RowBatch>();
                free.Writer.TryWrite(new RowBatch(table, columns, BatchSize));
                free.Writer.TryWrite(new RowBatch(table, columns, BatchSize));
                var parsing = Task.Run(async () =>
                {
                    long parsed = 0;
                    var batch = await free.Reader.ReadAsync();
                    await foreach (var line in Lines(file))
                    {
                        var start = 0;
                        for (var c = 0; c < encoders.Length; c++)
                        {
                            var end = c == encoders.Length - 1 ? line.Length : line.Span[start..].IndexOf((byte)',') + start;
                            if (encoders[c].Encode(line.Span[start..end], batch.Vectors[c]) != Sql.Conversion.ConversionError.None)
                            {
                                throw new InvalidDataException($"row {parsed + 1}, column {columns[c].Name} does not convert");
                            }

                            start = end + 1;
                        }

                        batch.EndRow();
                        parsed++;
                        if (batch.Count == BatchSize)
                        {
                            await ready.Writer.WriteAsync(batch);
                            batch = await free.Reader.ReadAsync();
                        }
                    }

                    await ready.Writer.WriteAsync(batch);
                    ready.Writer.Complete();
                    return parsed;
                });
                await foreach (var batch in ready.Reader.ReadAllAsync())
                {
                    await transaction.WriteAsync(batch, CancellationToken.None);
                    batch.Clear();
                    free.Writer.TryWrite(batch);
                }

                rows = await parsing;
                await transaction.CommitAsync(new LabelCommit(), CancellationToken.None);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"store\":\"{kind}\",\"rows\":{rows},\"seconds\":{seconds:F3},\"rows_per_second\":{rows / seconds:F0},\"peak_rss_mb\":{Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F1}}}"));
        }

        return 0;
    }

    /// <summary>The file's lines, read in 1 MB blocks; each line is valid until the next is read.</summary>
    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Lines(string file)
    {
        await using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        var filled = 0;
        while (true)
        {
            var read = await input.ReadAsync(buffer.AsMemory(filled));
            filled += read;
            var start = 0;
            while (true)
            {
                var newline = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
                if (newline < 0)
                {
                    break;
                }

                yield return buffer.AsMemory(start, newline);
                start += newline + 1;
            }

            if (read == 0)
            {
                if (filled > start)
                {
                    yield return buffer.AsMemory(start, filled - start);
                }

                yield break;
            }

            buffer.AsSpan(start, filled - start).CopyTo(buffer);
            filled -= start;
        }
    }
}
