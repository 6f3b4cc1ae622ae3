using System.Security.Cryptography;
using System.Text;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Wire;
using Npgsql;
using static ContinuousLoad.Tests.Sources.Postgres.Wire.ScriptedServerStream;

namespace ContinuousLoad.Tests.Sources.Postgres.Wire;

public sealed class WireStartupTests
{
    private static WireSettings Settings(string? password = "secret") =>
        new("127.0.0.1", 5432, "alice", password, "shop", "tests", "-c TimeZone=UTC", SslMode.Disable, null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

    private static ScriptedServerStream Start(WireSettings settings, params byte[][] server)
    {
        var stream = new ScriptedServerStream([.. server.SelectMany(m => m)], chunk: 3);
        WireStartup.Run(new WireConnection(stream), settings);
        return stream;
    }

    private static string Text(byte[] nulTerminated) => Encoding.UTF8.GetString(nulTerminated).TrimEnd('\0');

    [Fact]
    public void Trust_sends_the_startup_parameters_and_waits_for_ready()
    {
        var stream = Start(Settings(), AuthenticationRequest(0), Message('S', "TimeZone\0UTC\0"u8), Message('K', new byte[8]), Ready);

        var (type, body) = Assert.Single(stream.Sent());
        Assert.Equal('\0', type);
        Assert.Equal(
            ["user", "alice", "database", "shop", "client_encoding", "UTF8", "application_name", "tests", "options", "-c TimeZone=UTC", ""],
            Encoding.UTF8.GetString(body[4..^1]).Split('\0'));
    }

    [Fact]
    public void A_cleartext_password_is_sent_as_asked()
    {
        var stream = Start(Settings(), AuthenticationRequest(3), AuthenticationRequest(0), Ready);

        Assert.Equal(('p', "secret"), (stream.Sent()[1].Type, Text(stream.Sent()[1].Body)));
    }

    [Fact]
    public void An_md5_password_hashes_password_user_and_salt()
    {
        byte[] salt = [0x01, 0x02, 0x03, 0x04];

        var stream = Start(Settings(), AuthenticationRequest(5, salt), AuthenticationRequest(0), Ready);

        var inner = Convert.ToHexStringLower(MD5.HashData("secretalice"u8));
        var expected = "md5" + Convert.ToHexStringLower(MD5.HashData([.. Encoding.ASCII.GetBytes(inner), .. salt]));
        Assert.Equal(expected, Text(stream.Sent()[1].Body));
    }

    [Fact]
    public void Scram_starts_with_the_mechanism_and_a_client_first_message()
    {
        var stream = new ScriptedServerStream(AuthenticationRequest(10, "SCRAM-SHA-256\0\0"u8));

        Assert.ThrowsAny<IOException>(() => WireStartup.Run(new WireConnection(stream), Settings()));

        var initial = stream.Sent()[1].Body;
        Assert.StartsWith("SCRAM-SHA-256\0", Encoding.UTF8.GetString(initial), StringComparison.Ordinal);
        Assert.StartsWith("n,,n=,r=", Encoding.UTF8.GetString(initial.AsSpan(14 + 4)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_request_without_a_password_says_where_to_give_one()
    {
        var refused = Assert.Throws<PostgresSourceException>(() => Start(Settings(password: null), AuthenticationRequest(3)));

        Assert.Equal(PostgresSourceError.AuthenticationFailed, refused.Error);
        Assert.Contains("PGPASSWORD", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7, "GSSAPI")]
    [InlineData(9, "SSPI")]
    [InlineData(10, "SASL mechanisms SCRAM-SHA-256-PLUS")]
    public void Methods_we_do_not_speak_are_refused_by_name(int request, string method)
    {
        var data = request == 10 ? "SCRAM-SHA-256-PLUS\0\0"u8.ToArray() : [];

        var refused = Assert.Throws<PostgresSourceException>(() => Start(Settings(), AuthenticationRequest(request, data)));

        Assert.Equal(PostgresSourceError.AuthenticationFailed, refused.Error);
        Assert.Contains(method, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_server_refusal_carries_its_sql_state()
    {
        var refused = Assert.Throws<PostgresException>(() => Start(Settings(), AuthenticationRequest(3), Error("28P01", "password authentication failed for user \"alice\"")));

        Assert.Equal("28P01", refused.SqlState);
        Assert.Contains("password authentication failed", refused.MessageText, StringComparison.Ordinal);
    }
}
