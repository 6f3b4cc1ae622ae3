using System.Text;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.MySql.Wire.Authentication;
using ContinuousLoad.Sources.MySql.Protocol;
using ContinuousLoad.Sources.MySql.Protocol.Payloads;

namespace ContinuousLoad.Sources.MySql.Authentication;

/// <summary>
/// The authentication phase after the handshake response (MySQL Client/Server Protocol,
/// "Authentication Phase"): the server answers OK (done), ERR (refused), AuthSwitchRequest (answer
/// again for another plugin and nonce) or AuthMoreData (caching_sha2_password's extra round trips).
/// Supported plugins: mysql_native_password, caching_sha2_password, MariaDB client_ed25519.
/// </summary>
internal sealed class AuthenticationExchange(PacketChannel channel, MySqlConnectionOptions options, bool encrypted)
{
    private string _plugin = "";
    private byte[] _nonce = [];

    /// <summary>The plugin named in the handshake response, and its first answer.</summary>
    public (string Plugin, byte[] Response) Begin(string serverPlugin, byte[] scramble)
    {
        // A plugin this client does not know as the server's default: answer natively, the server switches.
        _plugin = IsSupported(serverPlugin) ? serverPlugin : NativePassword.PluginName;
        _nonce = scramble;
        return (_plugin, Answer(_plugin, _nonce));
    }

    /// <summary>Reads the server's replies until OK; throws <see cref="MySqlServerException"/> on ERR.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var payload = await channel.ReadPayloadAsync(cancellationToken);
            var first = payload.Length > 0 ? payload.Span[0] : -1;
            switch (first)
            {
                case 0x00:
                    return;
                case 0xFF:
                    var error = ErrorPayload.Create(payload.Span);
                    throw error.ToException(error.ErrorCode == 1045 ? $"Check the user name and password of '{options.User}'." : null);
                case 0xFE:
                    var request = AuthSwitchRequestPayload.Create(payload.Span);
                    if (!IsSupported(request.PluginName))
                    {
                        throw new MySqlConnectionException(
                            $"The server asks for authentication plugin '{request.PluginName}', which this client does not support (it speaks {NativePassword.PluginName}, {CachingSha2Password.PluginName} and {ClientEd25519.PluginName}).");
                    }

                    _plugin = request.PluginName;
                    _nonce = request.PluginData;
                    await WriteAsync(Answer(_plugin, _nonce), cancellationToken);
                    break;
                case 0x01 when _plugin == CachingSha2Password.PluginName:
                    await ContinueCachingSha2Async(AuthMoreDataPayload.Create(payload.Span).Data, cancellationToken);
                    break;
                default:
                    throw new MySqlProtocolException(
                        $"During authentication with {_plugin} expected OK (0x00), ERR (0xFF), auth switch (0xFE) or more data (0x01), got {EofPayload.Describe(payload.Span)}.");
            }
        }
    }

    private async Task ContinueCachingSha2Async(byte[] data, CancellationToken cancellationToken)
    {
        if (data is [CachingSha2Password.FastAuthSuccess])
        {
            return; // OK follows
        }

        if (data is not [CachingSha2Password.PerformFullAuthentication])
        {
            throw new MySqlProtocolException($"caching_sha2_password: expected 0x03 or 0x04 from the server, got {data.Length} byte(s) starting 0x{(data.Length > 0 ? data[0] : 0):X2}.");
        }

        if (encrypted)
        {
            await WriteAsync(Encoding.UTF8.GetBytes(options.Password + "\0"), cancellationToken);
            return;
        }

        var publicKey = options.ServerRsaPublicKey;
        if (publicKey is null)
        {
            if (!options.AllowPublicKeyRetrieval)
            {
                throw new MySqlConnectionException(
                    "Public Key Retrieval is not allowed: the server needs the full password for caching_sha2_password and the connection is not encrypted. " +
                    "Use TLS, give the server's RSA public key (ServerRsaPublicKey), or allow retrieving it (AllowPublicKeyRetrieval=true, trusted networks only).");
            }

            await WriteAsync([CachingSha2Password.RequestPublicKey], cancellationToken);
            var reply = await channel.ReadPayloadAsync(cancellationToken);
            if (ErrorPayload.IsError(reply.Span))
            {
                throw ErrorPayload.Create(reply.Span).ToException();
            }

            publicKey = Encoding.ASCII.GetString(AuthMoreDataPayload.Create(reply.Span).Data);
        }

        await WriteAsync(CachingSha2Password.EncryptPassword(options.Password, Scramble20(_nonce), publicKey), cancellationToken);
    }

    private byte[] Answer(string plugin, byte[] nonce) => plugin switch
    {
        NativePassword.PluginName => NativePassword.Scramble(options.Password, Scramble20(nonce)),
        CachingSha2Password.PluginName => CachingSha2Password.Scramble(options.Password, Scramble20(nonce)),
        ClientEd25519.PluginName => ClientEd25519.Sign(options.Password, nonce),
        _ => throw new InvalidOperationException($"No answer for plugin {plugin}."),
    };

    // The built-in plugins use 20 bytes of nonce; a trailing NUL sent with them is not part of it.
    private static ReadOnlySpan<byte> Scramble20(byte[] nonce) => nonce.Length > 20 ? nonce.AsSpan(0, 20) : nonce;

    private static bool IsSupported(string plugin) =>
        plugin is NativePassword.PluginName or CachingSha2Password.PluginName or ClientEd25519.PluginName;

    private async Task WriteAsync(byte[] payload, CancellationToken cancellationToken) =>
        await channel.WritePayloadAsync(payload, cancellationToken);
}
