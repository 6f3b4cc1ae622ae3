using System.Buffers;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;
using Npgsql;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>
/// Streams a batch into a table with COPY ... FROM STDIN (FORMAT BINARY): values go from the column
/// vectors to the wire without passing through text, in 64 KB writes.
/// </summary>
internal static class PostgresCopy
{
    private const int FlushAt = 64 * 1024;
    /// <summary>The binary COPY signature "PGCOPY\n\377\r\n\0", no flags, no header extension.</summary>
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <param name="extra">Trailing SMALLINT/BIGINT columns per row (operation, order), or null.</param>
    /// <param name="generated">Replaces NULLs of one column (AUTO_INCREMENT) with ids, or null.</param>
    public static async Task WriteAsync(NpgsqlConnection connection, string table, IReadOnlyList<ColumnSchema> columns, RowBatch batch,
        IReadOnlyList<(string Name, Func<int, long> Value, DataType Type)>? extra, (int Column, long Next)? generated, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", columns.Select(c => PostgresNames.Quote(c.Name)).Concat(extra?.Select(e => PostgresNames.Quote(e.Name)) ?? []));
        await using var stream = await connection.BeginRawBinaryCopyAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        var buffer = new ArrayBufferWriter<byte>(FlushAt + 4096);
        buffer.Write(Header);
        var fields = (short)(columns.Count + (extra?.Count ?? 0));
        var next = generated?.Next ?? 0;
        var vectors = columns.Select(c => batch.Vectors[batch.IndexOf(c.Name)]).ToArray();
        var generatedColumn = generated is { } g ? Array.IndexOf(vectors, batch.Vectors[g.Column]) : -1;
        for (var row = 0; row < batch.Count; row++)
        {
            PostgresBinaryValues.Int16(buffer, fields);
            for (var c = 0; c < vectors.Length; c++)
            {
                if (c == generatedColumn && vectors[c].IsNull(row))
                {
                    PostgresBinaryValues.Int32(buffer, 8);
                    PostgresBinaryValues.Int64(buffer, next++);
                    continue;
                }

                PostgresBinaryValues.Write(buffer, vectors[c], row, columns[c].Type);
            }

            foreach (var (_, value, type) in extra ?? [])
            {
                if (type.Kind == TypeKind.SmallInt)
                {
                    PostgresBinaryValues.Int32(buffer, 2);
                    PostgresBinaryValues.Int16(buffer, (short)value(row));
                }
                else
                {
                    PostgresBinaryValues.Int32(buffer, 8);
                    PostgresBinaryValues.Int64(buffer, value(row));
                }
            }

            if (buffer.WrittenCount >= FlushAt)
            {
                await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
            }
        }

        PostgresBinaryValues.Int16(buffer, -1);
        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
    }
}
