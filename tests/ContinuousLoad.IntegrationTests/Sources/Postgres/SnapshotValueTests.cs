using System.Text;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.Postgres.Snapshot;
using ContinuousLoad.Sources.Postgres.Values;
using Npgsql;

namespace ContinuousLoad.IntegrationTests.Sources.Postgres;

/// <summary>
/// Snapshot chunks read many types in binary; the stream reads them as text. Every value of a table of
/// awkward values must come out the same both ways, or snapshot and stream would disagree.
/// </summary>
public sealed class SnapshotValueTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Binary_snapshot_values_equal_the_text_decoding_of_the_same_values()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        scope.DropAtCleanup($"DROP TYPE IF EXISTS {scope.Name}_mood CASCADE");
        await scope.ExecuteAsync(
            $$"""
            CREATE TYPE {{scope.Name}}_mood AS ENUM ('sad', 'happy');
            CREATE TABLE {{table.Quoted}} (id int PRIMARY KEY, b boolean, i2 smallint, i8 bigint, f4 real, f8 double precision, n numeric,
              ts timestamp, tstz timestamptz, d date, tm time, tmtz timetz, by bytea, u uuid, ip inet, net cidr, jb jsonb, j json,
              ch char(4), m {{scope.Name}}_mood, o oid, ia int[], iv interval);
            INSERT INTO {{table.Quoted}} VALUES
              (1, true, 32767, -9223372036854775808, 'NaN', '-Infinity', 0, '0001-01-01 00:00:00', '9999-12-31 23:59:59.999999+00', '9999-12-31',
               '24:00:00', '23:59:59.999999+14:59', '\x', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '::ffff:1.2.3.4/100', '192.168.0.0/16', '{"a": [1, {"b": null}]}', '[1, 2]',
               'ab', 'happy', 4294967295, '{1,NULL}', '-1 mons 3 days'),
              (2, false, -1, 0, 3.4028235e38, 2.2250738585072014e-308, -0.000001, 'infinity', '-infinity', '-infinity', '00:00:00', '00:00:00-12:30',
               '\x0001ff', '00000000-0000-0000-0000-000000000001', '10.1.2.3', '::/0', '"x"', 'null', NULL, 'sad', 0, '{}', '0'),
              (3, NULL, NULL, NULL, 1.17549435e-38, 1e308, 123456789012345678901234567890.123456789, '2000-01-01', '1999-12-31 23:59:59.5-01', '2000-02-29',
               '12:00', '12:00+00', NULL, NULL, NULL, NULL, NULL, NULL, 'abcd', NULL, NULL, NULL, NULL),
              (4, NULL, NULL, NULL, NULL, NULL, 10000.00010000, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
              (5, NULL, NULL, NULL, NULL, NULL, 'NaN', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
              (6, NULL, NULL, NULL, NULL, NULL, 99999999999999999999999999.99, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
              (7, NULL, NULL, NULL, NULL, NULL, -1e-20, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
            """,
            Token);
        var source = scope.Source([table]);
        await source.PrepareAsync(Token);
        List<object?[]> snapshotRows = [];
        await using (var snapshot = await source.CreateSlotAsync(Token))
        await using (var reader = await source.OpenSnapshotReaderAsync(snapshot.SnapshotName, Token))
        {
            var metadata = await reader.ReadTableAsync(table, Token);
            await reader.ReadChunkAsync(
                metadata,
                new KeysetChunk(0, null, null),
                row =>
                {
                    var values = row.ToArray();
                    for (var c = 0; c < values.Length; c++)
                    {
                        Assert.Equal(values[c], Typed(row, c, values[c]));
                    }

                    snapshotRows.Add(values);
                    return ValueTask.CompletedTask;
                },
                Token);
        }

        var textRows = await TextRowsAsync(scope, table, source.Types);

        Assert.Equal(7, snapshotRows.Count);
        for (var r = 0; r < textRows.Count; r++)
        {
            for (var c = 0; c < textRows[r].Length; c++)
            {
                Assert.True(Same(textRows[r][c], snapshotRows[r][c]), $"row {r + 1} column {c}: text '{Show(textRows[r][c])}', binary '{Show(snapshotRows[r][c])}'");
            }
        }
    }

    /// <summary>The same rows printed by the output functions (as pgoutput prints them) and decoded from text.</summary>
    private static async Task<List<object?[]>> TextRowsAsync(PostgresScope scope, ContinuousLoad.Sources.Postgres.TableName table, PgTypeCatalog types)
    {
        await using var connection = new NpgsqlConnection(scope.ConnectionString + ";Options=-c DateStyle=ISO,YMD -c TimeZone=UTC -c extra_float_digits=1 -c IntervalStyle=postgres");
        await connection.OpenAsync(Token);
        var metadata = await ContinuousLoad.Sources.Postgres.Metadata.MetadataReader.ReadTableAsync(connection, table, Token);
        var columnTypes = new List<PgTypeInfo>();
        foreach (var column in metadata.Columns)
        {
            columnTypes.Add(await types.ResolveAsync(column.TypeOid, Token));
        }

        // format('%s') prints through each type's output function, exactly the text pgoutput sends.
        await using var command = new NpgsqlCommand(
            $"SELECT {string.Join(", ", metadata.Columns.Select(c => $"format('%s', \"{c.Name}\")"))}, {string.Join(", ", metadata.Columns.Select(c => $"\"{c.Name}\" IS NULL"))} FROM {table.Quoted} ORDER BY id",
            connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(Token))
        {
            var row = new object?[columnTypes.Count];
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = reader.GetBoolean(row.Length + c) ? null : TextValueDecoder.Decode(columnTypes[c], Encoding.UTF8.GetBytes(reader.GetString(c)));
            }

            rows.Add(row);
        }

        return rows;
    }

    private static bool Same(object? a, object? b) => (a, b) switch
    {
        (object?[] x, object?[] y) => x.Length == y.Length && x.Zip(y).All(p => Same(p.First, p.Second)),
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (decimal x, decimal y) => x == y && x.Scale == y.Scale,
        _ => Equals(a, b),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        object?[] items => "[" + string.Join(",", items.Select(Show)) + "]",
        byte[] bytes => Convert.ToHexString(bytes),
        _ => $"{value} ({value.GetType().Name})",
    };

    // The typed read of a value, by the type its object form has: the two must agree.
    private static object? Typed(SnapshotRow row, int column, object? value) => value switch
    {
        null => row.IsNull(column) ? null : "not NULL",
        long => row.Get<long>(column),
        int => row.Get<int>(column),
        short => row.Get<short>(column),
        double => row.Get<double>(column),
        bool => row.Get<bool>(column),
        decimal => row.Get<decimal>(column),
        DateTimeOffset => row.Get<DateTimeOffset>(column),
        DateTime => row.Get<DateTime>(column),
        DateOnly => row.Get<DateOnly>(column),
        Guid => row.Get<Guid>(column),
        string => row.Get<string>(column),
        _ => value,
    };
}
