using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Protocol;
using ContinuousLoad.Sources.MySql.Protocol.Payloads;
using ContinuousLoad.Sources.MySql.Text;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Tests.Sources.MySql;

/// <summary>
/// Random and mutated payloads (fixed seeds) into every parser: each either parses or throws
/// <see cref="MySqlProtocolException"/> — never an index error, never a hang.
/// </summary>
public sealed class PayloadFuzzTests
{
    private static readonly byte[][] Seeds =
    [
        ServerPackets.Greeting("caching_sha2_password"),
        ServerPackets.Ok(),
        ServerPackets.Error(1045, "28000", "Access denied"),
        ServerPackets.Column("name", (byte)MySqlColumnType.VarString),
        [0xFE, .. "client_ed25519"u8, 0, 1, 2, 3],
        ServerPackets.Row("1", null, "abc"),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Parsers_accept_or_refuse_with_a_protocol_error(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 3000; round++)
        {
            var payload = Mutate(random, Seeds[random.Next(Seeds.Length)]);
            ParseOrRefuse(payload, bytes => InitialHandshakePayload.Create(bytes));
            ParseOrRefuse(payload, bytes => OkPayload.Create(bytes));
            ParseOrRefuse(payload, bytes => ErrorPayload.Create(bytes));
            ParseOrRefuse(payload, bytes => EofPayload.Create(bytes));
            ParseOrRefuse(payload, bytes => ColumnDefinitionPayload.Create(bytes));
            ParseOrRefuse(payload, bytes => AuthSwitchRequestPayload.Create(bytes));
            ParseOrRefuse(payload, bytes => AuthMoreDataPayload.Create(bytes));
            ParseOrRefuse(payload, bytes => TextRow.Index(bytes, new int[3], new int[3]));
        }
    }

    [Theory(Timeout = 30_000)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task The_packet_layer_reads_or_refuses_random_streams(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 500; round++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            if (bytes.Length > 3 && random.Next(2) == 0)
            {
                bytes[3] = 0; // a plausible first sequence id
            }

            await using var channel = new PacketChannel(new MemoryStream(bytes), 1024, TimeSpan.FromSeconds(5));
            try
            {
                while (true)
                {
                    await channel.ReadPayloadAsync(TestContext.Current.CancellationToken);
                }
            }
            catch (Exception e) when (e is MySqlProtocolException or MySqlConnectionException)
            {
                // the refusal every malformed stream must end in
            }
        }
    }

    private delegate void Parser(ReadOnlySpan<byte> payload);

    private static void ParseOrRefuse(byte[] payload, Parser parse)
    {
        try
        {
            parse(payload);
        }
        catch (MySqlProtocolException)
        {
            // a clear refusal is an acceptable answer to garbage
        }
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var bytes = seed.ToList();
        for (var edits = random.Next(1, 4); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(3))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
            }
        }

        return [.. bytes];
    }
}
