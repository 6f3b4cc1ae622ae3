using System.Security.Cryptography;
using System.Text;

namespace ContinuousLoad.MySql.Wire.Authentication;

/// <summary>
/// caching_sha2_password (MySQL 8 default; MySQL Internals, "caching_sha2_password information").
/// Fast path: the client sends SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + scramble); the server answers
/// AuthMoreData 0x03 (cached, OK follows) or 0x04 (full authentication). Full authentication sends the
/// password in clear over TLS, or RSA-encrypted otherwise: the NUL-terminated password XOR the scramble
/// (repeated), encrypted with the server's public key using OAEP padding (SHA-1), the key either
/// configured or fetched by sending 0x02 — which the client permits only when asked to, because a
/// man in the middle could hand over its own key.
/// </summary>
public static class CachingSha2Password
{
    public const string PluginName = "caching_sha2_password";

    /// <summary>AuthMoreData byte: the server found the password in its cache.</summary>
    public const byte FastAuthSuccess = 0x03;

    /// <summary>AuthMoreData byte: the server needs the full password.</summary>
    public const byte PerformFullAuthentication = 0x04;

    /// <summary>The client's request for the server's RSA public key.</summary>
    public const byte RequestPublicKey = 0x02;

    public static byte[] Scramble(string password, ReadOnlySpan<byte> scramble)
    {
        if (password.Length == 0)
        {
            return [];
        }

        var stage1 = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        var stage2 = SHA256.HashData(stage1);
        var salted = new byte[stage2.Length + scramble.Length];
        stage2.CopyTo(salted, 0);
        scramble.CopyTo(salted.AsSpan(stage2.Length));
        var stage3 = SHA256.HashData(salted);
        for (var i = 0; i < stage1.Length; i++)
        {
            stage1[i] ^= stage3[i];
        }

        return stage1;
    }

    /// <summary>What a server keeps to check the fast path: SHA256(SHA256(password)); empty for no password.</summary>
    public static byte[] Digest(string password) => password.Length == 0 ? [] : SHA256.HashData(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    /// <summary>
    /// The server's check of the fast path: SHA256(digest + scramble) XOR response is SHA256(password) when the password is
    /// right, and its SHA256 is then the <paramref name="digest"/>.
    /// </summary>
    public static bool VerifyFast(ReadOnlySpan<byte> response, ReadOnlySpan<byte> scramble, ReadOnlySpan<byte> digest)
    {
        if (digest.IsEmpty || response.IsEmpty)
        {
            return digest.IsEmpty && response.IsEmpty;
        }

        if (response.Length != 32 || digest.Length != 32)
        {
            return false;
        }

        var salted = new byte[digest.Length + scramble.Length];
        digest.CopyTo(salted);
        scramble.CopyTo(salted.AsSpan(digest.Length));
        var candidate = SHA256.HashData(salted);
        for (var i = 0; i < candidate.Length; i++)
        {
            candidate[i] ^= response[i];
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(candidate), digest);
    }

    /// <summary>The server's reading of a password the client sent RSA-encrypted: decrypted, XOR the scramble, up to its NUL.</summary>
    public static string DecryptPassword(ReadOnlySpan<byte> encrypted, ReadOnlySpan<byte> scramble, RSA key)
    {
        var plain = key.Decrypt(encrypted.ToArray(), RSAEncryptionPadding.OaepSHA1);
        for (var i = 0; i < plain.Length && !scramble.IsEmpty; i++)
        {
            plain[i] ^= scramble[i % scramble.Length];
        }

        var end = Array.IndexOf(plain, (byte)0);
        return Encoding.UTF8.GetString(plain, 0, end < 0 ? plain.Length : end);
    }

    /// <summary>The NUL-terminated password XOR the scramble, RSA-OAEP encrypted with the server's PEM public key.</summary>
    public static byte[] EncryptPassword(string password, ReadOnlySpan<byte> scramble, string publicKeyPem)
    {
        var plain = ObfuscatedPassword(password, scramble);
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(publicKeyPem);
        }
        catch (ArgumentException e)
        {
            throw new MySqlConnectionException($"The server's RSA public key could not be read as PEM: {e.Message}", e);
        }

        return rsa.Encrypt(plain, RSAEncryptionPadding.OaepSHA1);
    }

    internal static byte[] ObfuscatedPassword(string password, ReadOnlySpan<byte> scramble)
    {
        var bytes = Encoding.UTF8.GetBytes(password + "\0");
        if (scramble.IsEmpty)
        {
            return bytes;
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] ^= scramble[i % scramble.Length];
        }

        return bytes;
    }
}
