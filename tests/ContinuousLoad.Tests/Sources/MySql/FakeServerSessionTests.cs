using System.Security.Cryptography;
using System.Text;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.MySql.Wire.Authentication;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Authentication;
using ContinuousLoad.Sources.MySql.Protocol;

namespace ContinuousLoad.Tests.Sources.MySql;

/// <summary>
/// Connection phase and commands against scripted servers: MySQL 8's caching_sha2_password (fast path,
/// full authentication with and without public key retrieval), auth switch, refusals and broken servers.
/// </summary>
public sealed class FakeServerSessionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    internal static MySqlConnectionOptions Options(FakeMySqlServer server) =>
        new("127.0.0.1", server.Port, "app", "secret") { ConnectTimeout = TimeSpan.FromSeconds(5), ReadTimeout = TimeSpan.FromSeconds(5) };

    /// <summary>Answers the client's first command (SET time_zone) with OK.</summary>
    internal static async Task AcceptSetupAsync(FakeMySqlConnection connection)
    {
        var (sequence, payload) = await connection.ReadPacketAsync();
        Assert.Equal((0, (byte)CommandKind.Query), (sequence, payload[0]));
        Assert.Equal("SET time_zone = '+00:00'", Encoding.UTF8.GetString(payload, 1, payload.Length - 1));
        await connection.WritePacketAsync(1, ServerPackets.Ok());
    }

    [Fact(Timeout = 30_000)]
    public async Task Caching_sha2_fast_path_sends_the_scramble_and_accepts_0x03()
    {
        byte[]? response = null;
        await using var server = new FakeMySqlServer(async connection =>
        {
            await connection.WritePacketAsync(0, ServerPackets.Greeting(CachingSha2Password.PluginName));
            (_, response) = await connection.ReadPacketAsync();
            await connection.WritePacketAsync(2, ServerPackets.AuthMoreData(CachingSha2Password.FastAuthSuccess));
            await connection.WritePacketAsync(3, ServerPackets.Ok());
            await AcceptSetupAsync(connection);
        });

        await using var session = await MySqlSession.OpenAsync(Options(server), Token);
        await server.Completion;

        var parsed = HandshakeResponse.Parse(response!);
        Assert.Equal(("app", CachingSha2Password.PluginName, (byte)45), (parsed.User, parsed.Plugin, parsed.Collation));
        Assert.Equal(CachingSha2Password.Scramble("secret", ServerPackets.Scramble), parsed.AuthResponse);
        Assert.True(parsed.Capabilities.HasFlag(CapabilityFlags.DeprecateEof | CapabilityFlags.PluginAuthLengthEncodedClientData));
        Assert.False(parsed.Capabilities.HasFlag(CapabilityFlags.Ssl));
        Assert.Equal((MySqlServerFlavor.MySql, new Version(8, 0, 36)), (session.Flavor, session.Version));
    }

    [Fact(Timeout = 30_000)]
    public async Task Caching_sha2_full_authentication_without_tls_needs_public_key_retrieval_allowed()
    {
        await using var server = new FakeMySqlServer(async connection =>
        {
            await connection.WritePacketAsync(0, ServerPackets.Greeting(CachingSha2Password.PluginName));
            await connection.ReadPacketAsync();
            await connection.WritePacketAsync(2, ServerPackets.AuthMoreData(CachingSha2Password.PerformFullAuthentication));
        });

        var error = await Assert.ThrowsAsync<MySqlConnectionException>(() => MySqlSession.OpenAsync(Options(server), Token));

        Assert.StartsWith("Public Key Retrieval is not allowed", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowPublicKeyRetrieval=true", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Caching_sha2_full_authentication_retrieves_the_key_and_sends_the_password_rsa_oaep_encrypted()
    {
        using var rsa = RSA.Create(2048);
        byte[]? decrypted = null;
        await using var server = new FakeMySqlServer(async connection =>
        {
            await connection.WritePacketAsync(0, ServerPackets.Greeting(CachingSha2Password.PluginName));
            await connection.ReadPacketAsync();
            await connection.WritePacketAsync(2, ServerPackets.AuthMoreData(CachingSha2Password.PerformFullAuthentication));
            var request = await connection.ReadPacketAsync();
            Assert.Equal(3, request.Sequence);
            Assert.Equal([CachingSha2Password.RequestPublicKey], request.Payload);
            await connection.WritePacketAsync(4, ServerPackets.AuthMoreData(Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem())));
            var encrypted = await connection.ReadPacketAsync();
            Assert.Equal(5, encrypted.Sequence);
            decrypted = rsa.Decrypt(encrypted.Payload, RSAEncryptionPadding.OaepSHA1);
            await connection.WritePacketAsync(6, ServerPackets.Ok());
            await AcceptSetupAsync(connection);
        });

        await using var session = await MySqlSession.OpenAsync(Options(server) with { AllowPublicKeyRetrieval = true }, Token);
        await server.Completion;

        var expected = Encoding.UTF8.GetBytes("secret\0").Select((b, i) => (byte)(b ^ ServerPackets.Scramble[i % 20])).ToArray();
        Assert.Equal(expected, decrypted);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_configured_server_key_is_used_without_asking_for_it_after_a_switch_to_caching_sha2()
    {
        using var rsa = RSA.Create(2048);
        var fresh = Enumerable.Range(50, 20).Select(i => (byte)i).ToArray();
        byte[]? switched = null;
        byte[]? decrypted = null;
        await using var server = new FakeMySqlServer(async connection =>
        {
            await connection.WritePacketAsync(0, ServerPackets.Greeting(NativePassword.PluginName));
            await connection.ReadPacketAsync();
            await connection.WritePacketAsync(2, [0xFE, .. Encoding.ASCII.GetBytes(CachingSha2Password.PluginName), 0, .. fresh, 0]);
            (_, switched) = await connection.ReadPacketAsync();
            await connection.WritePacketAsync(4, ServerPackets.AuthMoreData(CachingSha2Password.PerformFullAuthentication));
            var encrypted = await connection.ReadPacketAsync();
            Assert.Equal(5, encrypted.Sequence);
            decrypted = rsa.Decrypt(encrypted.Payload, RSAEncryptionPadding.OaepSHA1);
            await connection.WritePacketAsync(6, ServerPackets.Ok());
            await AcceptSetupAsync(connection);
        });

        await using var session = await MySqlSession.OpenAsync(Options(server) with { ServerRsaPublicKey = rsa.ExportSubjectPublicKeyInfoPem() }, Token);
        await server.Completion;

        Assert.Equal(CachingSha2Password.Scramble("secret", fresh), switched);
        Assert.Equal(Encoding.UTF8.GetBytes("secret\0").Select((b, i) => (byte)(b ^ fresh[i % 20])).ToArray(), decrypted);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_auth_switch_to_native_password_answers_with_the_new_scramble()
    {
        var fresh = Enumerable.Range(100, 20).Select(i => (byte)i).ToArray();
        byte[]? answer = null;
        await using var server = new FakeMySqlServer(async connection =>
        {
            await connection.WritePacketAsync(0, ServerPackets.Greeting(CachingSha2Password.PluginName));
            await connection.ReadPacketAsync();
            await connection.WritePacketAsync(2, [0xFE, .. Encoding.ASCII.GetBytes(NativePassword.PluginName), 0, .. fresh, 0]);
            byte sequence;
            (sequence, answer) = await connection.ReadPacketAsync();
            Assert.Equal(3, sequence);
            await connection.WritePacketAsync(4, ServerPackets.Ok());
            await AcceptSetupAsync(connection);
        });

        await using var session = await MySqlSession.OpenAsync(Options(server), Token);
        await server.Completion;

        Assert.Equal(NativePassword.Scramble("secret", fresh), answer);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_switch_to_an_unknown_plugin_names_it()
    {
        await using var server = new FakeMySqlServer(async connection =>
        {
            await connection.WritePacketAsync(0, ServerPackets.Greeting(NativePassword.PluginName));
            await connection.ReadPacketAsync();
            await connection.WritePacketAsync(2, [0xFE, .. "dialog"u8, 0, 1, 2, 3]);
        });

        var error = await Assert.ThrowsAsync<MySqlConnectionException>(() => MySqlSession.OpenAsync(Options(server), Token));

        Assert.Contains("'dialog'", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_refusal_before_the_handshake_is_a_server_error()
    {
        await using var server = new FakeMySqlServer(connection =>
            connection.WritePacketAsync(0, [0xFF, 0x10, 0x04, .. "Too many connections"u8]));

        var error = await Assert.ThrowsAsync<MySqlServerException>(() => MySqlSession.OpenAsync(Options(server), Token));

        Assert.Equal((1040, "HY000"), (error.ErrorCode, error.SqlState));
        Assert.Contains("Too many connections", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_that_never_answers_ends_in_a_connect_timeout()
    {
        await using var server = new FakeMySqlServer(connection => connection.StaySilentUntilHangUpAsync());

        var error = await Assert.ThrowsAsync<MySqlConnectionException>(() =>
            MySqlSession.OpenAsync(Options(server) with { ConnectTimeout = TimeSpan.FromMilliseconds(300) }, Token));

        Assert.Contains("connect timeout", error.Message, StringComparison.Ordinal);
    }
}
