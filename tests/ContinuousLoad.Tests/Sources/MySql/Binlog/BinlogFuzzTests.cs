using System.Buffers.Binary;
using System.Text;
using ContinuousLoad.Sources.MySql.Binlog;
using ContinuousLoad.Testing.Fuzzing;
using static ContinuousLoad.Tests.Sources.MySql.Binlog.BinlogEventBytes;

namespace ContinuousLoad.Tests.Sources.MySql.Binlog;

/// <summary>
/// Random truncations and bit flips (fixed seed) of well-formed events: the parser, the row decoder and
/// reading every value either decode them or throw <see cref="BinlogFormatException"/> — nothing else, and never hang.
/// Half the damaged events get a fresh checksum so the damage reaches the body parsers.
/// </summary>
public sealed class BinlogFuzzTests
{
    private static readonly int[] Seeds = [20261121, 20261207, 3306, 1236, 160];

    [Fact]
    public void Damaged_events_give_only_format_errors()
    {
        var samples = Samples();
        var run = new FuzzRun<(byte[] FormatDescription, byte[] TableMap, byte[] Event)>("binlog events",
            random => samples[random.Next(samples.Count)] is var (formatDescription, tableMap, original)
                ? (formatDescription, tableMap, Damage(original, random))
                : default,
            input => FuzzRun<byte[]>.Abbreviate(input.Event));

        var decoded = run.Run(Seeds, 4_000, input =>
        {
            var parser = new BinlogEventParser();
            parser.Parse(input.FormatDescription);
            parser.Parse(input.TableMap);
            var parsed = parser.Parse(input.Event);
            if (parsed is TableMapEvent map)
            {
                _ = BinlogTableSchema.FromTableMap(map);
            }

            if (parsed is RowsEvent rows && parser.TryGetTableMap(rows.TableId, out var table))
            {
                // Values decode when read: reading them all brings damage inside a value to light too.
                foreach (var image in RowImageDecoder.Decode(rows, table, BinlogTableSchema.FromTableMap(table) ?? SchemaFor(table)))
                {
                    _ = image.Values;
                }
            }
        }, e => e is BinlogFormatException);

        Assert.True(decoded > 1_000, $"only {decoded} damaged events decoded; the damage never reached the body parsers");
    }

    [Fact]
    public void The_undamaged_samples_decode()
    {
        foreach (var (formatDescription, tableMap, original) in Samples())
        {
            var parser = new BinlogEventParser();
            parser.Parse(formatDescription);
            parser.Parse(tableMap);
            if (parser.Parse(original) is RowsEvent rows && parser.TryGetTableMap(rows.TableId, out var table))
            {
                var images = RowImageDecoder.Decode(rows, table, BinlogTableSchema.FromTableMap(table) ?? SchemaFor(table));
                Assert.All(images, image => Assert.Equal("abc", image[13]));
                Assert.All(images, image => Assert.Equal("{\"k\": [1, \"x\"], \"d\": 1.5}", image[19]));
            }
        }
    }

    private static byte[] Damage(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(3))
        {
            case 0:
                bytes = bytes[..random.Next(bytes.Length)];
                break;
            case 1:
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    bytes[random.Next(BinlogEventHeader.Length, bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                break;
            default:
                var cut = random.Next(BinlogEventHeader.Length + 4, bytes.Length);
                bytes = [.. bytes[..(cut - 4)], .. bytes[^4..]];
                break;
        }

        if (bytes.Length >= BinlogEventHeader.Length + 4 && random.Next(2) == 0)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(9), (uint)bytes.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4)));
        }

        return bytes;
    }

    private static BinlogTableSchema SchemaFor(TableMapEvent map) => new(map.Schema, map.Table,
        map.Columns.Select((_, i) => new BinlogColumnSchema("c" + i, i % 2 == 0, i % 3 == 0 ? 63 : 45, ["a", "b", "c"])).ToArray());

    private static List<(byte[] FormatDescription, byte[] TableMap, byte[] Event)> Samples()
    {
        // Every column type: tiny, short, int24, long, longlong, float, double, decimal(10,2), date, time2(3), datetime2(6),
        // timestamp2(2), year, varchar(40), char(8), enum, set, bit(10), blob(2), json(4), geometry(4).
        byte[] types = [1, 2, 9, 3, 8, 4, 5, 246, 10, 19, 18, 17, 13, 15, 254, 254, 254, 16, 252, 245, 255];
        byte[] metadata = [4, 8, 10, 2, 3, 6, 2, 40, 0, 254, 8, 247, 1, 248, 1, 2, 1, 2, 4, 4];
        var members = new byte[] { 3, 1, (byte)'a', 1, (byte)'b', 1, (byte)'c' };
        var optional = Concat([1, 2, 0xAA, 0x80], [4, 63], Enumerable.Range(0, 21).SelectMany(i => new byte[] { 2, (byte)'c', (byte)('a' + i) }).ToArray(),
            [6, 7], members, [5, 7], members);
        var mariaDb = MariaDbFormatDescription();
        var mySql = MySql8FormatDescription();
        var map = Event(BinlogEventType.TableMap, TableMapBody(5, "db", "t", types, metadata));
        var mapWithNames = Event(BinlogEventType.TableMap, TableMapBody(5, "db", "t", types, metadata, optional));
        var json = BinaryJsonBuilder.Document(BinaryJsonBuilder.Object(("k", BinaryJsonBuilder.Array(BinaryJsonBuilder.Int16(1), new BinaryJsonBuilder.Text("x"))), ("d", new BinaryJsonBuilder.DoubleNumber(1.5))));
        var row = Concat(
            [0x00, 0x00, 0x00], [0x85], LittleEndian(0x8001, 2), LittleEndian(0x7FFFFF, 3), LittleEndian(5, 4), LittleEndian(9, 8),
            BitConverter.GetBytes(1.5f), BitConverter.GetBytes(2.5), Convert.FromHexString("80000001" + "32"), LittleEndian(29 | 2 << 5 | 2024 << 9, 3),
            Convert.FromHexString("80C8B8" + "04D2"), Convert.FromHexString("8000000000" + "01E240"), Convert.FromHexString("65000000" + "0C"), [124],
            [3], Encoding.ASCII.GetBytes("abc"), [2], Encoding.ASCII.GetBytes("xy"), [2], [5], Convert.FromHexString("02AA"),
            LittleEndian(3, 2), [1, 2, 3], LittleEndian((ulong)json.Length, 4), json, LittleEndian(2, 4), [7, 8]);
        var present = new byte[] { 0xFF, 0xFF, 0x1F };
        var write = Event(BinlogEventType.WriteRowsV1, Concat(LittleEndian(5, 6), [1, 0], [21], present, row, row));
        var update = Event(BinlogEventType.UpdateRowsV2, Concat(LittleEndian(5, 6), [1, 0], LittleEndian(4, 2), [1, 0], [21], present, present, row, row));
        var delete = Event(BinlogEventType.DeleteRowsV2, Concat(LittleEndian(5, 6), [1, 0], LittleEndian(2, 2), [21], present, row));
        var others = new[]
        {
            Event(BinlogEventType.Query, Concat(LittleEndian(1, 4), LittleEndian(0, 4), [2], LittleEndian(0, 2), LittleEndian(4, 2), [1, 2, 3, 4], Encoding.ASCII.GetBytes("db\0CREATE TABLE t (a INT)"))),
            Event(BinlogEventType.Rotate, Concat(LittleEndian(4, 8), Encoding.ASCII.GetBytes("mysql-bin.000002"))),
            Event(BinlogEventType.MariaDbGtid, Concat(LittleEndian(42, 8), LittleEndian(0, 4), [2], LittleEndian(9, 8), [0, 0])),
            Event(BinlogEventType.GtidList, Concat(LittleEndian(1, 4), LittleEndian(0, 4), LittleEndian(1, 4), LittleEndian(10, 8))),
            Event(BinlogEventType.MySqlGtid, Concat([1], new byte[16], LittleEndian(23, 8), [2], LittleEndian(5, 8), LittleEndian(6, 8), LittleEndian(1, 7))),
            Event(BinlogEventType.HeartbeatV2, Concat([1, 3], Encoding.ASCII.GetBytes("abc"), [2, 1, 9], [0])),
            Event(BinlogEventType.BinlogCheckpoint, Concat(LittleEndian(3, 4), Encoding.ASCII.GetBytes("abc"))),
            map,
            mapWithNames,
        };
        return
        [
            (mariaDb, map, write), (mySql, map, update), (mySql, map, delete), (mySql, mapWithNames, write), (mariaDb, map, mariaDb),
            .. others.Select(other => (mySql, map, other)),
        ];
    }
}
