using ContinuousLoad.MySql.Wire;
using ContinuousLoad.MySql.Wire.Authentication;
using ContinuousLoad.Sources.MySql.Protocol.Payloads;
using ContinuousLoad.SqlFrontend.MySqlPort;

namespace ContinuousLoad.Tests.SqlFrontend;

/// <summary>
/// The port's connection phase against the bytes of a real client: our MySQL source's handshake response (the client
/// half of the same protocol) is read back field by field, and the port's greeting reads as a client reads it.
/// </summary>
public sealed class MySqlHandshakeTests
{
    [Fact]
    public void A_client_response_is_read_with_user_answer_database_and_plugin()
    {
        const CapabilityFlags capabilities = CapabilityFlags.Protocol41 | CapabilityFlags.SecureConnection | CapabilityFlags.PluginAuth |
                                             CapabilityFlags.PluginAuthLengthEncodedClientData | CapabilityFlags.ConnectWithDatabase;
        var answer = CachingSha2Password.Scramble("secret", new byte[20]);
        using var payload = HandshakeResponsePayload.Create(capabilities, 45, "etl", answer, "shop", CachingSha2Password.PluginName);

        var response = MySqlHandshake.ReadResponse(payload.Payload.Span);

        Assert.Equal(capabilities, response.Capabilities);
        Assert.Equal("etl", response.User);
        Assert.Equal(answer, response.AuthResponse);
        Assert.Equal("shop", response.Database);
        Assert.Equal(CachingSha2Password.PluginName, response.Plugin);
    }

    [Fact]
    public void A_client_older_than_protocol_4_1_is_refused_with_the_reason()
    {
        var e = Assert.Throws<MySqlProtocolException>(() => MySqlHandshake.ClientCapabilities(new byte[32]));
        Assert.Contains("4.1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_greeting_carries_version_scramble_and_the_default_plugin()
    {
        var scramble = MySqlHandshake.NewScramble();
        using var payload = MySqlHandshake.Greeting(new PayloadWriter(), 7, scramble, MySqlHandshake.Capabilities);

        var greeting = InitialHandshakePayload.Create(payload.Payload.Span);

        Assert.Equal("5.7.99", greeting.ServerVersion);
        Assert.Equal(7u, greeting.ConnectionId);
        Assert.Equal(scramble, greeting.Scramble);
        Assert.Equal(NativePassword.PluginName, greeting.AuthPluginName);
        Assert.DoesNotContain((byte)0, scramble);
    }
}
