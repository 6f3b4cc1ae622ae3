using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Protocol;
using ContinuousLoad.Sources.MySql.Protocol.Payloads;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Tests.Sources.MySql;

/// <summary>Typed payloads read from and written to their documented byte layouts.</summary>
public sealed class PayloadTests
{
    [Fact]
    public void A_MariaDB_greeting_gives_version_scramble_capabilities_and_plugin()
    {
        // As MariaDB 10.11 sends it: "5.5.5-" prefix, CLIENT_LONG_PASSWORD cleared, extended capabilities in the reserved bytes.
        byte[] payload =
        [
            10, .. "5.5.5-10.11.19-MariaDB-log"u8, 0, 7, 0, 0, 0, .. "abcdefgh"u8, 0, 0xFE, 0xF7, 45, 2, 0, 0xFF, 0x81, 21,
            0, 0, 0, 0, 0, 0, 0x1D, 0, 0, 0, .. "ijklmnopqrst"u8, 0, .. "mysql_native_password"u8, 0,
        ];

        var greeting = InitialHandshakePayload.Create(payload);

        Assert.Equal(("5.5.5-10.11.19-MariaDB-log", 7u, "mysql_native_password", (byte)45), (greeting.ServerVersion, greeting.ConnectionId, greeting.AuthPluginName, greeting.CharacterSet));
        Assert.Equal("abcdefghijklmnopqrst"u8.ToArray(), greeting.Scramble);
        Assert.False(greeting.Capabilities.HasFlag(CapabilityFlags.LongPassword));
        Assert.True(greeting.Capabilities.HasFlag(CapabilityFlags.PluginAuth | CapabilityFlags.SecureConnection | CapabilityFlags.Protocol41));
        Assert.Equal(0x1Du, greeting.MariaDbCapabilities);
    }

    [Fact]
    public void A_MySql8_greeting_names_caching_sha2()
    {
        var greeting = InitialHandshakePayload.Create(ServerPackets.Greeting("caching_sha2_password"));

        Assert.Equal(("8.0.36", "caching_sha2_password", ServerPackets.MySql8Capabilities), (greeting.ServerVersion, greeting.AuthPluginName, greeting.Capabilities));
        Assert.Equal(ServerPackets.Scramble, greeting.Scramble);
    }

    [Theory]
    [InlineData(new byte[] { 9 })]
    [InlineData(new byte[] { 10, (byte)'8', 0, 1, 2 })]
    [InlineData(new byte[] { 10, (byte)'8' })]
    public void A_malformed_greeting_is_a_protocol_error(byte[] payload) =>
        Assert.Throws<MySqlProtocolException>(() => InitialHandshakePayload.Create(payload));

    [Fact]
    public void Ok_error_and_eof_packets_read_their_fields()
    {
        var ok = OkPayload.Create([0x00, 0xFC, 0x10, 0x27, 0x05, 0x03, 0x00, 0x02, 0x00]);
        var error = ErrorPayload.Create([0xFF, 0x15, 0x04, .. "#28000"u8, .. "Access denied"u8]);
        var eof = EofPayload.Create([0xFE, 0x01, 0x00, 0x0A, 0x00]);

        Assert.Equal(new OkPayload(10000, 5, ServerStatusFlags.InTransaction | ServerStatusFlags.AutoCommit, 2), ok);
        Assert.Equal(new ErrorPayload(1045, "28000", "Access denied"), error);
        Assert.Equal("MySQL error 1045 (28000): Access denied", error.ToException().Message);
        Assert.Equal(new EofPayload(1, ServerStatusFlags.AutoCommit | ServerStatusFlags.MoreResultsExist), eof);
        Assert.True(OkPayload.IsEndOfRows([0xFE, 0, 0, 2, 0, 0, 0]));
        Assert.False(EofPayload.IsEof([0xFE, 1, 2, 3, 4, 5, 6, 7, 8]));
    }

    [Fact]
    public void A_truncated_ok_packet_says_what_was_missing()
    {
        var error = Assert.Throws<MySqlProtocolException>(() => OkPayload.Create([0x00, 0x01, 0x00, 0x02]));

        Assert.Contains("expected a 2-byte integer (2 byte(s)) at offset 3, but only 1 of 4 byte(s) remain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Auth_switch_keeps_the_plugin_data_as_sent()
    {
        var request = AuthSwitchRequestPayload.Create([0xFE, .. "client_ed25519"u8, 0, .. Enumerable.Repeat((byte)0, 32)]);

        Assert.Equal(("client_ed25519", 32), (request.PluginName, request.PluginData.Length));
    }

    [Fact]
    public void A_column_definition_gives_type_flags_and_decimal_precision()
    {
        var column = ColumnDefinitionPayload.Create(ServerPackets.Column("amount", (byte)MySqlColumnType.NewDecimal, 63, (ushort)(ColumnFlags.NotNull | ColumnFlags.Unsigned), 13, 2));

        Assert.Equal(("db", "t", "amount", MySqlColumnType.NewDecimal, 12, MySqlValueKind.Decimal), (column.Schema, column.Table, column.Name, column.Type, column.DecimalPrecision, column.ValueKind));
        Assert.True(column.IsUnsigned);
    }

    [Fact]
    public void Enum_and_set_columns_read_as_text_and_wide_decimals_as_exact_strings()
    {
        var enumColumn = ColumnDefinitionPayload.Create(ServerPackets.Column("e", (byte)MySqlColumnType.String, 45, (ushort)ColumnFlags.Enum, 4));
        var wide = ColumnDefinitionPayload.Create(ServerPackets.Column("w", (byte)MySqlColumnType.NewDecimal, 63, 0, 67, 30));

        Assert.Equal((MySqlValueKind.Text, MySqlValueKind.DecimalText, 65), (enumColumn.ValueKind, wide.ValueKind, wide.DecimalPrecision));
    }

    [Fact]
    public void The_handshake_response_follows_HandshakeResponse41()
    {
        const CapabilityFlags capabilities = CapabilityFlags.Protocol41 | CapabilityFlags.SecureConnection | CapabilityFlags.PluginAuth |
            CapabilityFlags.PluginAuthLengthEncodedClientData | CapabilityFlags.ConnectWithDatabase;
        using var writer = HandshakeResponsePayload.Create(capabilities, 45, "bob", [1, 2, 3], "shop", "mysql_native_password");

        var parsed = HandshakeResponse.Parse(writer.Payload.ToArray());

        Assert.Equal((capabilities, SslRequestPayload.MaxPacketSize, (byte)45, "bob", "shop", "mysql_native_password"),
            (parsed.Capabilities, parsed.MaxPacket, parsed.Collation, parsed.User, parsed.Database, parsed.Plugin));
        Assert.Equal([1, 2, 3], parsed.AuthResponse);
    }

    [Fact]
    public void Length_encoded_integers_round_trip_at_every_width()
    {
        ulong[] values = [0, 250, 251, 0xFFFF, 0x10000, 0xFF_FFFF, 0x100_0000, ulong.MaxValue];
        using var writer = new PayloadWriter(8);
        foreach (var value in values)
        {
            writer.WriteLengthEncodedInteger(value);
        }

        var reader = new PayloadReader(writer.Payload.Span);
        var read = new ulong[values.Length];
        for (var i = 0; i < read.Length; i++)
        {
            read[i] = reader.ReadLengthEncodedInteger();
        }

        Assert.Equal(values, read);
        Assert.Equal(1 + 1 + 3 + 3 + 4 + 4 + 9 + 9, writer.Length);
        Assert.True(reader.AtEnd);
    }

    [Fact]
    public void A_null_marker_where_a_length_belongs_is_a_protocol_error()
    {
        var error = Assert.Throws<MySqlProtocolException>(() => new PayloadReader([0xFB]).ReadLengthEncodedInteger());

        Assert.Contains("0xFB", error.Message, StringComparison.Ordinal);
    }
}
