using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.MySql.Wire.Authentication;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Authentication;
using ContinuousLoad.Sources.MySql.Protocol;

namespace ContinuousLoad.Tests.Sources.MySql;

/// <summary>
/// TLS negotiation (Protocol::SSLRequest, then TLS on the same socket) with a scripted server that has
/// a self-signed certificate — the MariaDB here is built without TLS.
/// </summary>
public sealed class TlsNegotiationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task Tls_is_negotiated_when_offered_and_full_authentication_then_sends_the_password_in_the_tunnel()
    {
        using var certificate = SelfSignedCertificate();
        byte[]? sslRequest = null;
        byte[]? response = null;
        byte[]? password = null;
        await using var server = new FakeMySqlServer(async connection =>
        {
            await connection.WritePacketAsync(0, ServerPackets.Greeting(CachingSha2Password.PluginName, ServerPackets.MySql8Capabilities | CapabilityFlags.Ssl));
            byte sequence;
            (sequence, sslRequest) = await connection.ReadPacketAsync();
            Assert.Equal(1, sequence);
            await connection.UpgradeToTlsAsync(certificate);
            (sequence, response) = await connection.ReadPacketAsync();
            Assert.Equal(2, sequence);
            await connection.WritePacketAsync(3, ServerPackets.AuthMoreData(CachingSha2Password.PerformFullAuthentication));
            (_, password) = await connection.ReadPacketAsync();
            await connection.WritePacketAsync(5, ServerPackets.Ok());
            await FakeServerSessionTests.AcceptSetupAsync(connection);
        });

        var options = FakeServerSessionTests.Options(server) with { TlsMode = MySqlTlsMode.Required, TlsAcceptAnyCertificate = true };
        await using var session = await MySqlSession.OpenAsync(options, Token);
        await server.Completion;

        Assert.True(session.IsEncrypted);
        Assert.Equal(32, sslRequest!.Length);
        Assert.Equal(sslRequest, response![..32]);
        Assert.True(HandshakeResponse.Parse(response).Capabilities.HasFlag(CapabilityFlags.Ssl));
        Assert.Equal("secret\0"u8.ToArray(), password);
    }

    [Fact(Timeout = 30_000)]
    public async Task Required_tls_on_a_server_without_it_is_refused_before_any_password_is_sent()
    {
        var received = 0;
        await using var server = new FakeMySqlServer(async connection =>
        {
            await connection.WritePacketAsync(0, ServerPackets.Greeting(NativePassword.PluginName));
            try
            {
                await connection.ReadPacketAsync();
                received++;
            }
            catch (EndOfStreamException)
            {
                // expected: the client hangs up instead of answering
            }
        });

        var error = await Assert.ThrowsAsync<MySqlConnectionException>(() =>
            MySqlSession.OpenAsync(FakeServerSessionTests.Options(server) with { TlsMode = MySqlTlsMode.Required }, Token));
        await server.Completion;

        Assert.Contains("TLS is required", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, received);
    }

    [Fact]
    public void Negotiation_asks_for_tls_only_when_offered_and_wanted()
    {
        var options = new MySqlConnectionOptions("h", 1, "u", "p");
        var offered = ServerPackets.MySql8Capabilities | CapabilityFlags.Ssl;

        Assert.True(Negotiate(offered, options).HasFlag(CapabilityFlags.Ssl));
        Assert.False(Negotiate(ServerPackets.MySql8Capabilities, options).HasFlag(CapabilityFlags.Ssl));
        Assert.False(Negotiate(offered, options with { TlsMode = MySqlTlsMode.Disabled }).HasFlag(CapabilityFlags.Ssl));
        Assert.True(Negotiate(offered, options with { Database = "db" }).HasFlag(CapabilityFlags.ConnectWithDatabase));
        Assert.False(Negotiate(offered, options).HasFlag(CapabilityFlags.MultiStatements));
        Assert.Throws<MySqlConnectionException>(() => Negotiate(CapabilityFlags.Protocol41, options));
    }

    private static CapabilityFlags Negotiate(CapabilityFlags server, MySqlConnectionOptions options) =>
        SessionOpener.Negotiate(server, options);

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
