using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ContinuousLoad.Sources.Postgres.Wire;

/// <summary>
/// Start-up and authentication (PostgreSQL docs "Start-up" and "Message Formats"): the StartupMessage with
/// user, database, application name and options, then the server's Authentication requests — trust,
/// cleartext password, MD5 and SCRAM-SHA-256 — until ReadyForQuery. Other methods (GSSAPI, SSPI) are
/// refused by name.
/// </summary>
internal static class WireStartup
{
    private const int ProtocolVersion30 = 3 << 16;

    public static void Run(WireConnection connection, WireSettings settings)
    {
        var startup = new FrontendMessage(null).Int32(ProtocolVersion30)
            .String("user").String(settings.User)
            .String("database").String(settings.Database)
            .String("client_encoding").String("UTF8");
        if (settings.ApplicationName is { } application)
        {
            startup.String("application_name").String(application);
        }

        if (settings.Options is { } options)
        {
            startup.String("options").String(options);
        }

        connection.Send(startup.Bytes([0]).Finish().Span);
        ScramSha256? scram = null;
        while (true)
        {
            var (type, length) = connection.ReadHeader();
            var body = connection.ReadBody(length);
            switch (type)
            {
                case 'R':
                    scram = Authenticate(connection, settings, body, scram);
                    break;
                case 'E':
                    throw WireErrors.Parse(body);
                case 'Z':
                    return;
            }
        }
    }

    private static ScramSha256? Authenticate(WireConnection connection, WireSettings settings, ReadOnlySpan<byte> body, ScramSha256? scram)
    {
        var request = BinaryPrimitives.ReadInt32BigEndian(body);
        switch (request)
        {
            case 0: // AuthenticationOk
                return scram;
            case 3: // AuthenticationCleartextPassword
                connection.Send(new FrontendMessage('p').String(Password(settings, "a password")).Finish().Span);
                return scram;
            case 5: // AuthenticationMD5Password: "md5" + md5(md5(password + user) + salt), in hex
                var inner = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(Password(settings, "an MD5 password") + settings.User)));
                var outer = Convert.ToHexStringLower(MD5.HashData([.. Encoding.ASCII.GetBytes(inner), .. body.Slice(4, 4)]));
                connection.Send(new FrontendMessage('p').String("md5" + outer).Finish().Span);
                return scram;
            case 10: // AuthenticationSASL: the mechanisms the server takes
                var mechanisms = Encoding.UTF8.GetString(body[4..]).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                if (!mechanisms.Contains(ScramSha256.Mechanism))
                {
                    throw Unsupported($"SASL mechanisms {string.Join(", ", mechanisms)}");
                }

                var started = ScramSha256.WithRandomNonce(Password(settings, "a SCRAM-SHA-256 password"));
                var first = started.ClientFirst();
                connection.Send(new FrontendMessage('p').String(ScramSha256.Mechanism).Int32(first.Length).Bytes(first).Finish().Span);
                return started;
            case 11: // AuthenticationSASLContinue: server-first
                connection.Send(new FrontendMessage('p').Bytes(Require(scram).ClientFinal(body[4..])).Finish().Span);
                return scram;
            case 12: // AuthenticationSASLFinal: server-final
                Require(scram).VerifyServerFinal(body[4..]);
                return scram;
            default:
                throw Unsupported(request switch { 2 => "Kerberos V5", 7 => "GSSAPI", 9 => "SSPI", _ => $"authentication request {request}" });
        }
    }

    private static string Password(WireSettings settings, string what) => settings.Password ?? throw new PostgresSourceException(
        PostgresSourceError.AuthenticationFailed,
        $"The server asks {what} for user '{settings.User}', and neither the connection string (Password) nor PGPASSWORD gives one.");

    private static ScramSha256 Require(ScramSha256? scram) => scram ?? throw WireErrors.Violation("a SCRAM continuation came before the SCRAM exchange started");

    private static PostgresSourceException Unsupported(string method) => new(
        PostgresSourceError.AuthenticationFailed,
        $"The server asks for {method}; snapshot reads authenticate with trust, password, md5 or scram-sha-256 only (pg_hba.conf).");
}
