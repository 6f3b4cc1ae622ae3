using System.Security.Cryptography;
using System.Text;

namespace ContinuousLoad.Sources.Postgres.Wire;

/// <summary>
/// The client side of SCRAM-SHA-256 (RFC 5802 with RFC 7677's hash; PostgreSQL docs "SASL Authentication"),
/// without channel binding ("n,,"). PostgreSQL takes the user from the startup message, so the SCRAM user
/// name is empty (the RFC's test vectors name theirs). The password is used as given (no SASLprep): plain ASCII passwords, the common case, are
/// unaffected.
/// </summary>
internal sealed class ScramSha256(string password, string clientNonce, string user = "")
{
    public const string Mechanism = "SCRAM-SHA-256";
    private string _clientFirstBare = "";
    private byte[] _serverSignature = [];

    public static ScramSha256 WithRandomNonce(string password) =>
        new(password, Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)));

    public byte[] ClientFirst()
    {
        _clientFirstBare = "n=" + user + ",r=" + clientNonce;
        return Encoding.UTF8.GetBytes("n,," + _clientFirstBare);
    }

    /// <summary>The client-final message for the server-first message, or why the server's answer is unusable.</summary>
    public byte[] ClientFinal(ReadOnlySpan<byte> serverFirstBytes)
    {
        var serverFirst = Encoding.UTF8.GetString(serverFirstBytes);
        var fields = Fields(serverFirst);
        var nonce = fields.GetValueOrDefault('r') ?? throw Refused("server-first message has no nonce");
        if (!nonce.StartsWith(clientNonce, StringComparison.Ordinal))
        {
            throw Refused("the server's nonce does not extend ours");
        }

        var salt = Convert.FromBase64String(fields.GetValueOrDefault('s') ?? throw Refused("server-first message has no salt"));
        if (!int.TryParse(fields.GetValueOrDefault('i'), System.Globalization.CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            throw Refused("server-first message has no valid iteration count");
        }

        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var withoutProof = "c=biws,r=" + nonce; // biws = base64("n,,")
        var authMessage = Encoding.UTF8.GetBytes(_clientFirstBare + "," + serverFirst + "," + withoutProof);
        var clientSignature = HMACSHA256.HashData(SHA256.HashData(clientKey), authMessage);
        for (var i = 0; i < clientKey.Length; i++)
        {
            clientKey[i] ^= clientSignature[i];
        }

        _serverSignature = HMACSHA256.HashData(HMACSHA256.HashData(salted, "Server Key"u8), authMessage);
        return Encoding.UTF8.GetBytes(withoutProof + ",p=" + Convert.ToBase64String(clientKey));
    }

    /// <summary>Checks the server's signature, so a server that does not know the password is not trusted.</summary>
    public void VerifyServerFinal(ReadOnlySpan<byte> serverFinalBytes)
    {
        var fields = Fields(Encoding.UTF8.GetString(serverFinalBytes));
        if (fields.GetValueOrDefault('e') is { } error)
        {
            throw Refused("the server refused the proof: " + error);
        }

        var signature = fields.GetValueOrDefault('v') ?? throw Refused("server-final message has no signature");
        if (!CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(signature), _serverSignature))
        {
            throw Refused("the server's signature is wrong; it does not know the password");
        }
    }

    private static Dictionary<char, string> Fields(string message) =>
        message.Split(',').Where(f => f.Length >= 2 && f[1] == '=').GroupBy(f => f[0]).ToDictionary(g => g.Key, g => g.First()[2..]);

    private static PostgresSourceException Refused(string why) =>
        new(PostgresSourceError.ProtocolViolation, $"SCRAM-SHA-256 authentication failed: {why}.");
}
