using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Protocol;

namespace ContinuousLoad.Tests.MySqlWire;

/// <summary>The packet layer on bytes: headers, sequence ids, 16 MB splitting and joining, truncation.</summary>
public sealed class PacketChannelTests
{
    private const int Max = PacketChannel.MaxPacketPayload;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 10_000)]
    public async Task Reads_payloads_in_order_and_checks_each_sequence_id()
    {
        var bytes = Packet(0, [1, 2, 3]).Concat(Packet(1, [])).Concat(Packet(2, [9])).ToArray();
        await using var channel = Channel(bytes);

        Assert.Equal([1, 2, 3], (await channel.ReadPayloadAsync(Token)).ToArray());
        Assert.Empty((await channel.ReadPayloadAsync(Token)).ToArray());
        Assert.Equal([9], (await channel.ReadPayloadAsync(Token)).ToArray());
        Assert.Equal(3, channel.Sequence);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_wrong_sequence_id_names_expected_and_actual()
    {
        await using var channel = Channel(Packet(0, [1]).Concat(Packet(5, [2])).ToArray());
        await channel.ReadPayloadAsync(Token);

        var error = await Assert.ThrowsAsync<MySqlProtocolException>(async () => await channel.ReadPayloadAsync(Token));

        Assert.Contains("expected sequence id 1, got 5", error.Message, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Max - 1, 1)]
    [InlineData(Max, 2)]
    [InlineData(Max + 10, 2)]
    [InlineData(2 * Max, 3)]
    [InlineData(2 * Max + 1, 3)]
    public async Task Payloads_of_16_MB_and_more_are_split_and_joined_again(int length, int packets)
    {
        var payload = new byte[length];
        new Random(length).NextBytes(payload);
        var wire = new MemoryStream();
        await using (var writer = new PacketChannel(wire, 1024, Timeout.InfiniteTimeSpan))
        {
            await writer.WritePayloadAsync(payload, Token);
        }

        var bytes = wire.ToArray();
        Assert.Equal(length + 4 * packets, bytes.Length);
        var offset = 0;
        for (var i = 0; i < packets; i++)
        {
            var size = bytes[offset] | bytes[offset + 1] << 8 | bytes[offset + 2] << 16;
            Assert.Equal((i < packets - 1 ? Max : length - (packets - 1) * Max, i), (size, (int)bytes[offset + 3]));
            offset += 4 + size;
        }

        await using var reader = Channel(bytes, bufferSize: 64 * 1024);
        var joined = await reader.ReadPayloadAsync(Token);
        Assert.True(joined.Span.SequenceEqual(payload));
        Assert.Equal(packets, reader.Sequence);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_payload_larger_than_the_read_buffer_is_read_whole()
    {
        var payload = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        await using var channel = Channel(Packet(0, payload).Concat(Packet(1, [7])).ToArray(), bufferSize: 1024);

        Assert.Equal(payload, (await channel.ReadPayloadAsync(Token)).ToArray());
        Assert.Equal([7], (await channel.ReadPayloadAsync(Token)).ToArray());
    }

    [Fact(Timeout = 10_000)]
    public async Task A_connection_closed_mid_packet_says_how_much_was_missing()
    {
        var bytes = Packet(0, new byte[100])[..50];
        await using var channel = Channel(bytes);

        var error = await Assert.ThrowsAsync<MySqlConnectionException>(async () => await channel.ReadPayloadAsync(Token));

        Assert.Contains("closed the connection while 54 more byte(s) of a packet with a 100-byte payload", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_truncated_header_is_reported_too()
    {
        await using var channel = Channel([5, 0]);

        var error = await Assert.ThrowsAsync<MySqlConnectionException>(async () => await channel.ReadPayloadAsync(Token));

        Assert.Contains("closed the connection", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public async Task Writes_count_sequence_ids_on_from_reads_and_reset_per_command()
    {
        var wire = new MemoryStream();
        await using var channel = new PacketChannel(wire, 1024, Timeout.InfiniteTimeSpan);
        using (var payload = new PayloadWriter())
        {
            await channel.WritePayloadAsync(payload.Write(3).WriteString("SELECT 1"), Token);
        }

        await channel.WritePayloadAsync(new byte[] { 1 }, Token);
        channel.ResetSequence();
        await channel.WritePayloadAsync(new byte[] { 2 }, Token);

        Assert.Equal([.. Packet(0, [3, .. "SELECT 1"u8]), .. Packet(1, [1]), .. Packet(0, [2])], wire.ToArray());
    }

    [Fact(Timeout = 10_000)]
    public async Task Deferred_writes_gather_in_the_write_buffer_until_a_flush()
    {
        var wire = new MemoryStream();
        await using var channel = new PacketChannel(wire, 1024, Timeout.InfiniteTimeSpan);
        using var payload = new PayloadWriter();
        for (byte i = 0; i < 3; i++)
        {
            await channel.WritePayloadAsync(payload.Clear().Write(i), Token, flush: false);
        }

        Assert.Equal(0, wire.Length);
        await channel.WritePayloadAsync(payload.Clear().Write(9), Token);

        Assert.Equal([.. Packet(0, [0]), .. Packet(1, [1]), .. Packet(2, [2]), .. Packet(3, [9])], wire.ToArray());
    }

    [Fact(Timeout = 10_000)]
    public async Task A_payload_over_the_limit_is_refused_from_its_header()
    {
        await using var channel = new PacketChannel(new MemoryStream([.. Packet(0, new byte[100])]), 4096, TimeSpan.FromSeconds(5), "client")
        {
            MaxPayloadLength = 99,
        };

        var error = await Assert.ThrowsAsync<MySqlProtocolException>(async () => await channel.ReadPayloadAsync(Token));

        Assert.Contains("The client sent a packet of more than 99 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public async Task Without_read_ahead_a_read_takes_only_its_packet_from_the_stream()
    {
        var stream = new MemoryStream([.. Packet(0, [1, 2]), .. "TLS hello"u8]);
        await using var channel = new PacketChannel(stream, 4096, TimeSpan.FromSeconds(5)) { ReadAhead = false };

        Assert.Equal([1, 2], (await channel.ReadPayloadAsync(Token)).ToArray());
        Assert.Equal(6, stream.Position);
    }

    internal static byte[] Packet(byte sequence, byte[] payload) =>
        [(byte)payload.Length, (byte)(payload.Length >> 8), (byte)(payload.Length >> 16), sequence, .. payload];

    private static PacketChannel Channel(byte[] bytes, int bufferSize = 4096) =>
        new(new MemoryStream(bytes), bufferSize, TimeSpan.FromSeconds(5));
}
