using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Protocol;
using ContinuousLoad.Sources.Postgres.Values;
using ContinuousLoad.Testing.Fuzzing;
using ContinuousLoad.Tests.Sources.Postgres;

namespace ContinuousLoad.Tests.Fuzzing;

/// <summary>
/// pgoutput under generated and damaged sessions (fixed seeds): Begin, Relation, Insert/Update/Delete/
/// Truncate with values of every kind we decode, Commit. Each message decodes or is refused with a
/// <see cref="PostgresSourceException"/>, and the decoder goes on with the next.
/// </summary>
public sealed class PgOutputFuzzTests
{
    private static readonly int[] Seeds = [20261207, 5432, 16384, 1999, 42];

    private static readonly (int Oid, string[] Values)[] Columns =
    [
        (23, ["0", "-2147483648", "2147483647", "2147483648", "x", ""]),
        (20, ["9223372036854775807", "-9223372036854775809", "1e3"]),
        (21, ["32767", "32768"]),
        (25, ["", "text", "\u00e9\u4e2d", "a\tb"]),
        (1700, ["1.50", "NaN", "Infinity", "-0.000000000000000000000000000001", "123456789012345678901234567890123456789012", "1..2"]),
        (16, ["t", "f", "maybe"]),
        (701, ["1.5", "NaN", "-Infinity", "1e309", "abc"]),
        (1114, ["2024-02-29 12:34:56.123456", "infinity", "-infinity", "294276-12-31 23:59:59", "2024-13-01 00:00:00", "4713-01-01 00:00:00 BC"]),
        (1184, ["2024-02-29 12:34:56+05:30", "2024-02-29 12:34:56.5-08", "2024-02-29 12:34:56+99"]),
        (1082, ["2024-02-29", "2023-02-29", "infinity", "0001-01-01 BC"]),
        (17, ["\\x00ff", "\\xZZ", "\\x0", "plain"]),
        (114, ["{\"a\": [1, 2]}", "not json"]),
        (2950, ["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "not-a-uuid"]),
        (1007, ["{1,2,NULL}", "{{1,2},{3,4}}", "{1,", "[0:1]={7,8}", "{{{{{{{1}}}}}}}", "{\"1\"}", "{}"]),
        (1009, ["{a,\"b c\",NULL,\"NULL\"}", "{\"unterminated}"]),
        (1186, ["1 day 02:00:00", "P1D"]),
    ];

    [Fact]
    public void Damaged_sessions_decode_or_are_refused_with_a_source_error()
    {
        var run = new FuzzRun<byte[][]>("pgoutput", Session, messages => string.Join(" | ", messages.Select(FuzzRun<byte[]>.Abbreviate)));
        var decoded = 0;

        run.Run(Seeds, 2_000, messages =>
        {
            var decoder = new PgOutputDecoder(PgTypeCatalog.BuiltinOnly.Find);
            foreach (var message in messages)
            {
                try
                {
                    if (message.Length > 0 && message[0] == (byte)'R')
                    {
                        _ = PgOutputDecoder.RelationTypeOids(message);
                    }

                    decoder.Decode(message);
                    Interlocked.Increment(ref decoded);
                }
                catch (PostgresSourceException)
                {
                    decoder.ResetTransaction();
                }
            }
        }, _ => false);

        Assert.True(decoded > 20_000, $"only {decoded} messages decoded; the damage never reached the value decoders");
    }

    private static byte[][] Session(Random random)
    {
        var columns = Enumerable.Range(0, random.Next(1, 6)).Select(_ => Columns[random.Next(Columns.Length)]).ToArray();
        var relation = PgOutputBytes.Message('R').Int32(16384).String("public").String("t").Byte((byte)'d').Int16((short)columns.Length);
        for (var i = 0; i < columns.Length; i++)
        {
            relation.Byte(i == 0 ? (byte)1 : (byte)0).String($"c{i}").Int32(columns[i].Oid).Int32(-1);
        }

        string?[] Row() => [.. columns.Select(c => random.Next(8) == 0 ? null : c.Values[random.Next(c.Values.Length)])];

        var messages = new List<byte[]>
        {
            PgOutputBytes.Message('B').Int64(0x1_0000_0100).Int64(776_000_000_000_000).Int32(900).ToArray(),
            relation.ToArray(),
        };
        for (var n = random.Next(1, 6); n > 0; n--)
        {
            messages.Add(random.Next(5) switch
            {
                0 => PgOutputBytes.Message('U').Int32(16384).Byte((byte)'O').Tuple(Row()).Byte((byte)'N').Tuple(Row()).ToArray(),
                1 => PgOutputBytes.Message('D').Int32(16384).Byte((byte)'K').Tuple(Row()).ToArray(),
                2 => PgOutputBytes.Message('T').Int32(1).Byte(3).Int32(16384).ToArray(),
                _ => PgOutputBytes.Message('I').Int32(16384).Byte((byte)'N').Tuple(Row()).ToArray(),
            });
        }

        messages.Add(PgOutputBytes.Message('C').Byte(0).Int64(0x1_0000_0100).Int64(0x1_0000_0130).Int64(776_000_000_000_000).ToArray());
        for (var damage = random.Next(0, 3); damage > 0; damage--)
        {
            var at = random.Next(messages.Count);
            messages[at] = Mutations.Damage(messages[at], random);
        }

        return [.. messages];
    }
}
