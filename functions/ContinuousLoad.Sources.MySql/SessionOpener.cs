using System.Net.Security;
using System.Net.Sockets;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Authentication;
using ContinuousLoad.Sources.MySql.Protocol;
using ContinuousLoad.Sources.MySql.Protocol.Payloads;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql;

/// <summary>
/// Connection phase (MySQL Client/Server Protocol, "Connection Phase"): TCP connect, greeting,
/// capability negotiation, optional TLS upgrade (SSLRequest, then the TLS handshake on the same
/// socket), handshake response and authentication. The whole phase runs under the connect timeout.
/// </summary>
internal static class SessionOpener
{
    /// <summary>What this client asks for; the agreed set is this AND the server's.</summary>
    internal const CapabilityFlags Requested =
        CapabilityFlags.LongPassword | CapabilityFlags.LongFlag | CapabilityFlags.Protocol41 | CapabilityFlags.Transactions |
        CapabilityFlags.SecureConnection | CapabilityFlags.MultiResults | CapabilityFlags.PluginAuth |
        CapabilityFlags.PluginAuthLengthEncodedClientData | CapabilityFlags.DeprecateEof;

    internal const CapabilityFlags Required = CapabilityFlags.Protocol41 | CapabilityFlags.SecureConnection | CapabilityFlags.PluginAuth;

    public static async Task<MySqlSession> OpenAsync(MySqlConnectionOptions options, CancellationToken cancellationToken,
        Func<PacketChannel, InitialHandshakePayload, CapabilityFlags, bool, MySqlSession> create)
    {
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectTimeout.CancelAfter(options.ConnectTimeout);
        var client = new TcpClient { NoDelay = true, ReceiveBufferSize = 1 << 20 };
        PacketChannel? channel = null;
        var opened = false;
        try
        {
            try
            {
                await client.ConnectAsync(options.Host, options.Port, connectTimeout.Token);
            }
            catch (SocketException e)
            {
                throw new MySqlConnectionException($"Cannot connect to {options.Host}:{options.Port}: {e.Message}", e);
            }

            // The connect timeout bounds the whole handshake; a per-read timeout of the same length would race it
            // and could report a silent server as a read timeout. The read timeout applies once the session is open.
            channel = new PacketChannel(client.GetStream(), options.ReadBufferSize, Timeout.InfiniteTimeSpan);
            var greetingBytes = await channel.ReadPayloadAsync(connectTimeout.Token);
            if (ErrorPayload.IsError(greetingBytes.Span))
            {
                throw ErrorPayload.Create(greetingBytes.Span).ToException("The server refused the connection before the handshake.");
            }

            var greeting = InitialHandshakePayload.Create(greetingBytes.Span);
            var capabilities = Negotiate(greeting.Capabilities, options);
            var encrypted = false;
            if (capabilities.HasFlag(CapabilityFlags.Ssl))
            {
                using (var sslRequest = SslRequestPayload.Create(capabilities, CharacterSets.Utf8Mb4GeneralCollation))
                {
                    await channel.WritePayloadAsync(sslRequest, connectTimeout.Token);
                }

                var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false,
                    options.TlsAcceptAnyCertificate ? (_, _, _, _) => true : null);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = options.Host }, connectTimeout.Token);
                channel.ReplaceStream(tls);
                encrypted = true;
            }

            var exchange = new AuthenticationExchange(channel, options, encrypted);
            var (plugin, response) = exchange.Begin(greeting.AuthPluginName, greeting.Scramble);
            using (var handshake = HandshakeResponsePayload.Create(capabilities, CharacterSets.Utf8Mb4GeneralCollation,
                options.User, response, options.Database, plugin))
            {
                await channel.WritePayloadAsync(handshake, connectTimeout.Token);
            }

            await exchange.CompleteAsync(connectTimeout.Token);
            channel.ReadTimeout = options.ReadTimeout;
            var session = create(channel, greeting, capabilities, encrypted);
            channel = null;
            try
            {
                await session.ExecuteAsync("SET time_zone = '+00:00'", cancellationToken);
            }
            catch
            {
                await session.DisposeAsync();
                throw;
            }

            opened = true;
            return session;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MySqlConnectionException(
                $"Connecting to {options.Host}:{options.Port} did not complete within {options.ConnectTimeout.TotalSeconds:0.###} s (connect timeout).");
        }
        finally
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }

            if (!opened)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>The capabilities to send: requested ∩ offered, plus the database and TLS bits when wanted.</summary>
    internal static CapabilityFlags Negotiate(CapabilityFlags server, MySqlConnectionOptions options)
    {
        if ((server & Required) != Required)
        {
            throw new MySqlConnectionException(
                $"The server lacks capabilities this client needs ({Required & ~server}); servers before MySQL 5.5 are not supported.");
        }

        var agreed = Requested & server;
        if (options.Database is { Length: > 0 } && server.HasFlag(CapabilityFlags.ConnectWithDatabase))
        {
            agreed |= CapabilityFlags.ConnectWithDatabase;
        }

        var offersTls = server.HasFlag(CapabilityFlags.Ssl);
        if (options.TlsMode == MySqlTlsMode.Required && !offersTls)
        {
            throw new MySqlConnectionException(
                "TLS is required (SslMode=Required) but the server does not offer it; enable TLS on the server or use SslMode=Preferred.");
        }

        if (options.TlsMode != MySqlTlsMode.Disabled && offersTls)
        {
            agreed |= CapabilityFlags.Ssl;
        }

        return agreed;
    }
}
