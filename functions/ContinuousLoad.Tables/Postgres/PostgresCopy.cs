using System.Globalization;
using System.Text;
using ContinuousLoad.Tables.Storage;
using Npgsql;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>Streams a batch into a table with COPY ... FROM STDIN in text format (values in their canonical text).</summary>
internal static class PostgresCopy
{
    /// <param name="extra">Values of extra trailing columns per row (operation, order), or null.</param>
    /// <param name="generated">Replaces NULLs of one column (AUTO_INCREMENT) with ids, or null.</param>
    public static async Task WriteAsync(NpgsqlConnection connection, string table, IReadOnlyList<string> columns, RowBatch batch,
        Func<int, string>? extra, (int Column, long Next)? generated, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", columns.Select(PostgresNames.Quote));
        await using var writer = await connection.BeginTextImportAsync($"COPY {table} ({names}) FROM STDIN", cancellationToken);
        var line = new StringBuilder(256);
        var next = generated?.Next ?? 0;
        for (var row = 0; row < batch.Count; row++)
        {
            line.Clear();
            for (var c = 0; c < batch.Vectors.Length; c++)
            {
                if (c > 0)
                {
                    line.Append('\t');
                }

                var vector = batch.Vectors[c];
                if (vector.IsNull(row))
                {
                    if (generated is { } g && g.Column == c)
                    {
                        line.Append(next++);
                    }
                    else
                    {
                        line.Append("\\N");
                    }

                    continue;
                }

                switch (vector.Storage)
                {
                    case StorageClass.Integer:
                        line.Append(vector.GetInteger(row).ToString(CultureInfo.InvariantCulture));
                        break;
                    case StorageClass.Real:
                        line.Append(vector.GetReal(row).ToString("R", CultureInfo.InvariantCulture));
                        break;
                    default:
                        Escape(line, Encoding.UTF8.GetString(vector.GetText(row)));
                        break;
                }
            }

            if (extra is not null)
            {
                line.Append('\t').Append(extra(row));
            }

            line.Append('\n');
            await writer.WriteAsync(line, cancellationToken);
        }
    }

    private static void Escape(StringBuilder line, string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    line.Append("\\\\");
                    break;
                case '\t':
                    line.Append("\\t");
                    break;
                case '\n':
                    line.Append("\\n");
                    break;
                case '\r':
                    line.Append("\\r");
                    break;
                default:
                    line.Append(c);
                    break;
            }
        }
    }
}
