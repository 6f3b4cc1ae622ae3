using System.Net;
using System.Text;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Changes;
using ContinuousLoad.Sources.Postgres.Values;
using Npgsql;

namespace ContinuousLoad.IntegrationTests.Sources.Postgres;

/// <summary>
/// A table with every supported type goes through inserts, updates (plain, key change, TOAST left
/// unchanged, REPLICA IDENTITY FULL), deletes, an added column and a truncate. Our stream is compared,
/// value for value, with the test_decoding plugin's report of the same changes (a second slot created
/// at the same point), and spot-checked against the values written.
/// </summary>
public sealed class CorpusStreamTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task The_decoded_stream_matches_test_decoding_value_for_value()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        var reference = scope.TrackSlot(scope.Name + "_td");
        scope.DropAtCleanup($"DROP TYPE IF EXISTS {scope.Name}_mood CASCADE");
        scope.DropAtCleanup($"DROP DOMAIN IF EXISTS {scope.Name}_posint CASCADE");
        await scope.ExecuteAsync($"""
            CREATE TYPE {scope.Name}_mood AS ENUM ('sad', 'ok', 'happy');
            CREATE DOMAIN {scope.Name}_posint AS integer CHECK (VALUE > 0);
            CREATE TABLE {table.Quoted} (
              id int PRIMARY KEY, b boolean, i2 smallint, i8 bigint, f4 real, f8 double precision,
              n numeric(30, 10), n_big numeric, ts timestamp, tstz timestamptz, d date, tm time, tmtz timetz,
              ia int[], ta text[], na numeric[], j json, jb jsonb, by bytea, u uuid, ip inet, net cidr, iv interval,
              m {scope.Name}_mood, dm {scope.Name}_posint, ch char(5), vc varchar(20), big text);
            ALTER TABLE {table.Quoted} ALTER COLUMN big SET STORAGE EXTERNAL;
            """, Token);
        var source = scope.Source([table]);
        await source.PrepareAsync(Token);
        await using (var snapshot = await source.CreateSlotAsync(Token))
        {
        }

        await scope.ExecuteAsync($"SELECT pg_create_logical_replication_slot('{reference}', 'test_decoding')", Token);
        var big = "'" + string.Concat(Enumerable.Range(0, 3000).Select(i => i.ToString("x8", System.Globalization.CultureInfo.InvariantCulture))) + "'";
        const string nested = "'{{1,2},{3,4}}'";
        foreach (var sql in new[]
        {
            $$"""
            INSERT INTO {{table.Quoted}} VALUES
             (1, true, -32768, 9223372036854775807, 1.5, 'NaN', 1234567890.0123456789, 123456789012345678901234567890.123456789012345,
              '2024-02-29 13:05:00.123456', '2024-02-29 13:05:00.5+05:30', '2024-02-29', '24:00:00', '13:05:00.25-03:30',
              '{1,2,NULL}', '{"a b","q\"uote",NULL,"NULL"}', '{1.50,NaN}', '{"k": [1, 2]}', '{"k": [1, 2]}', '\x00ff10', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
              '192.168.1.5/24', '10.0.0.0/8', '1 year 2 mons 3 days 04:05:06.5', 'happy', 7, 'ab', 'hé''llo', {{big}}),
             (2, false, 1, -1, '-Infinity', 'Infinity', -0.5, 'NaN', 'infinity', '-infinity', '0001-01-01', '00:00:00', '00:00:00+00',
              {{nested}}, '{}', NULL, 'null', '[]', '\x', '00000000-0000-0000-0000-000000000000', '::1', '2001:db8::/32', '-1 days', 'sad', 1, 'abcde', '', 'small'),
             (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
            """,
            $"UPDATE {table.Quoted} SET i2 = i2 + 1 WHERE id = 1",
            $"UPDATE {table.Quoted} SET id = 10 WHERE id = 2",
            $"DELETE FROM {table.Quoted} WHERE id = 3",
            $"ALTER TABLE {table.Quoted} REPLICA IDENTITY FULL",
            $"UPDATE {table.Quoted} SET f8 = 2.5, m = 'ok' WHERE id = 1",
            $"DELETE FROM {table.Quoted} WHERE id = 10",
            $"ALTER TABLE {table.Quoted} ADD COLUMN extra int; ALTER TABLE {table.Quoted} DROP COLUMN vc",
            $"INSERT INTO {table.Quoted} (id, extra) VALUES (4, 44)",
            $"TRUNCATE {table.Quoted}",
        })
        {
            await scope.ExecuteAsync(sql, Token);
        }

        var stream = await source.OpenStreamAsync(Token);
        var changes = await PostgresScope.CollectAsync(stream, null, seen => seen.OfType<TablesTruncated>().Any(), Token);
        var expected = (await ReferenceAsync(scope, reference)).Where(l => l.Table == table.ToString()).ToList(); // test_decoding reports every table

        var ours = changes.Where(c => c is RowInserted<PgPoint> or RowUpdated<PgPoint> or RowDeleted<PgPoint> or TablesTruncated).ToList();
        Assert.Equal(expected.Count, ours.Count);
        for (var i = 0; i < ours.Count; i++)
        {
            AssertSame(expected[i], ours[i], i);
        }

        // Independent of the reference: the values as written, in our types.
        var first = ((RowInserted<PgPoint>)ours[0]).Row;
        Assert.Equal(new object?[] { 1, true, (short)-32768, long.MaxValue, 1.5f, double.NaN, 1234567890.0123456789m, "123456789012345678901234567890.123456789012345" },
            first.Values.Take(8).ToArray());
        Assert.Equal(new DateTime(2024, 2, 29, 13, 5, 0, DateTimeKind.Unspecified).AddTicks(1234560), first["ts"]);
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 7, 35, 0, 500, TimeSpan.Zero), first["tstz"]);
        Assert.Equal(new DateOnly(2024, 2, 29), first["d"]);
        Assert.Equal(TimeSpan.FromHours(24), first["tm"]);
        Assert.Equal(new TimeWithOffset(new TimeSpan(0, 13, 5, 0, 250), -new TimeSpan(3, 30, 0)), first["tmtz"]);
        Assert.Equal(new object?[] { 1, 2, null }, (object?[])first["ia"]!);
        Assert.Equal(new object?[] { "a b", "q\"uote", null, "NULL" }, (object?[])first["ta"]!);
        Assert.Equal(new object?[] { 1.50m, "NaN" }, (object?[])first["na"]!);
        Assert.Equal("{\"k\": [1, 2]}", first["j"]);
        Assert.Equal("{\"k\": [1, 2]}", first["jb"]);
        Assert.Equal(new byte[] { 0, 255, 16 }, first["by"]);
        Assert.Equal(Guid.Parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), first["u"]);
        Assert.Equal(new InetValue(IPAddress.Parse("192.168.1.5"), 24), first["ip"]);
        Assert.Equal(new InetValue(IPAddress.Parse("10.0.0.0"), 8), first["net"]);
        Assert.Equal("1 year 2 mons 3 days 04:05:06.5", first["iv"]);
        Assert.Equal(("happy", 7, "ab   ", "hé'llo"), (first["m"], first["dm"], first["ch"], first["vc"]));
        Assert.Equal(24000, ((string)first["big"]!).Length);
        var second = ((RowInserted<PgPoint>)ours[1]).Row;
        Assert.Equal(new object?[] { float.NegativeInfinity, double.PositiveInfinity, -0.5m, "NaN", DateTime.MaxValue, DateTimeOffset.MinValue },
            second.Values.Skip(4).Take(6).ToArray());
        Assert.Equal(new object?[] { new object?[] { 1, 2 }, new object?[] { 3, 4 } }, (object?[])second["ia"]!);
        Assert.Empty((object?[])second["ta"]!);
        Assert.Empty((byte[])second["by"]!);

        var toastUpdate = (RowUpdated<PgPoint>)ours[3];
        Assert.Equal((null, (short)-32767), (toastUpdate.Before, toastUpdate.After["i2"]));
        Assert.False(toastUpdate.After.IsPresent(toastUpdate.Table.IndexOf("big")));
        Assert.True(((RowImage)toastUpdate.After).IsUnchangedToast(toastUpdate.Table.IndexOf("big")));
        var keyChange = (RowUpdated<PgPoint>)ours[4];
        Assert.Equal((true, 2, 10), (((RowImage)keyChange.Before!).IsKeyOnly, keyChange.Before!["id"], keyChange.After["id"]));
        Assert.True(((RowImage)((RowDeleted<PgPoint>)ours[5]).Before).IsKeyOnly);
        var fullUpdate = (RowUpdated<PgPoint>)ours[6];
        Assert.Equal((true, "happy", "ok"), (fullUpdate.Before!.IsFull, fullUpdate.Before["m"], fullUpdate.After["m"]));
        Assert.True(((RowDeleted<PgPoint>)ours[7]).Before.IsFull);

        var reshaped = changes.OfType<RelationChanged>().Single(r => r.AddedColumns.Count + r.DroppedColumns.Count > 0);
        Assert.Equal(["extra"], reshaped.AddedColumns);
        Assert.Equal(["vc"], reshaped.DroppedColumns);
        Assert.All(changes, c => Assert.NotEqual(default, c.Position.Lsn));
        Assert.Equal(changes.OfType<TransactionBegin<PgPoint>>().Count(), changes.OfType<TransactionCommit<PgPoint>>().Count());
    }

    private static async Task<List<TestDecodingLine>> ReferenceAsync(PostgresScope scope, string slot)
    {
        await using var connection = new NpgsqlConnection(scope.ConnectionString + ";Options=-c DateStyle=ISO,YMD -c TimeZone=UTC -c extra_float_digits=1 -c IntervalStyle=postgres");
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand($"SELECT data FROM pg_logical_slot_get_changes('{slot}', NULL, NULL)", connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        var lines = new List<TestDecodingLine>();
        while (await reader.ReadAsync(Token))
        {
            if (TestDecodingLine.Parse(reader.GetString(0)) is { } line)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    private static void AssertSame(TestDecodingLine expected, SourceChange<PgPoint> actual, int index)
    {
        var (operation, table, old, @new) = actual switch
        {
            RowInserted<PgPoint> i => ("INSERT", (RelationSchema)i.Table, (RowImage?)null, (RowImage)i.Row),
            RowUpdated<PgPoint> u => ("UPDATE", (RelationSchema)u.Table, (RowImage?)u.Before, (RowImage)u.After),
            RowDeleted<PgPoint> d => ("DELETE", (RelationSchema)d.Table, (RowImage)d.Before, (RowImage?)null),
            TablesTruncated t => ("TRUNCATE", t.Relations[0], null, null),
            _ => throw new InvalidOperationException(actual.ToString()),
        };
        Assert.True(expected.Operation == operation, $"change {index}: test_decoding {expected.Operation}, ours {operation}");
        Assert.Equal(expected.Table, table.Table.ToString());
        AssertImage(expected.Old, old, skipNulls: true, index);
        AssertImage(expected.New, @new, skipNulls: false, index);
    }

    private static void AssertImage(IReadOnlyDictionary<string, string?>? expected, RowImage? actual, bool skipNulls, int index)
    {
        if (expected is null)
        {
            Assert.True(actual is null || actual.Values.All(v => v is null), $"change {index}: test_decoding has no image, ours has one");
            return;
        }

        Assert.NotNull(actual);
        var columns = actual.Relation.Columns;
        var compared = 0;
        for (var c = 0; c < columns.Count; c++)
        {
            var value = actual.IsUnchangedToast(c) ? UnchangedToast.Value : actual[c];
            if (skipNulls && value is null)
            {
                Assert.False(expected.ContainsKey(columns[c].Name), $"change {index}: {columns[c].Name} is null in ours only");
                continue;
            }

            Assert.True(expected.TryGetValue(columns[c].Name, out var text), $"change {index}: test_decoding lacks {columns[c].Name}");
            compared++;
            object? reference = text switch
            {
                null => null,
                TestDecodingLine.Unchanged => UnchangedToast.Value,
                _ => TextValueDecoder.Decode(columns[c].Type, Encoding.UTF8.GetBytes(text)),
            };
            Assert.True(Same(reference, value), $"change {index}, column {columns[c].Name}: test_decoding '{text}', ours '{Show(value)}'");
        }

        Assert.Equal(expected.Count, compared);
    }

    private static bool Same(object? a, object? b) => (a, b) switch
    {
        (object?[] x, object?[] y) => x.Length == y.Length && x.Zip(y).All(p => Same(p.First, p.Second)),
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        _ => Equals(a, b),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        object?[] items => "[" + string.Join(",", items.Select(Show)) + "]",
        byte[] bytes => Convert.ToHexString(bytes),
        _ => value.ToString() ?? "",
    };
}
