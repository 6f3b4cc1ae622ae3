using System.Security.Cryptography;
using System.Text;

namespace ContinuousLoad.MySql.Wire.Authentication;

/// <summary>
/// mysql_native_password (MySQL Client/Server Protocol, "Native Authentication"):
/// SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))), 20 bytes; an empty password sends nothing.
/// The default on MariaDB; MySQL 8 deprecates it in favour of caching_sha2_password.
/// </summary>
public static class NativePassword
{
    public const string PluginName = "mysql_native_password";

    public static byte[] Scramble(string password, ReadOnlySpan<byte> scramble)
    {
        if (password.Length == 0)
        {
            return [];
        }

        Span<byte> stage1 = stackalloc byte[20];
        Span<byte> stage2 = stackalloc byte[20];
        SHA1.HashData(Encoding.UTF8.GetBytes(password), stage1);
        SHA1.HashData(stage1, stage2);
        var salted = new byte[scramble.Length + stage2.Length];
        scramble.CopyTo(salted);
        stage2.CopyTo(salted.AsSpan(scramble.Length));
        var result = SHA1.HashData(salted);
        for (var i = 0; i < result.Length; i++)
        {
            result[i] ^= stage1[i];
        }

        return result;
    }

    /// <summary>What a server keeps to check the scramble: SHA1(SHA1(password)), as MySQL's <c>authentication_string</c> holds it; empty for no password.</summary>
    public static byte[] Digest(string password) => password.Length == 0 ? [] : SHA1.HashData(SHA1.HashData(Encoding.UTF8.GetBytes(password)));

    /// <summary>
    /// The server's check of a client's <paramref name="response"/> to <paramref name="scramble"/>: SHA1(scramble + digest) XOR
    /// response is SHA1(password) when the password is right, and its SHA1 is then the <paramref name="digest"/>.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> response, ReadOnlySpan<byte> scramble, ReadOnlySpan<byte> digest)
    {
        if (digest.IsEmpty || response.IsEmpty)
        {
            return digest.IsEmpty && response.IsEmpty;
        }

        if (response.Length != 20 || digest.Length != 20)
        {
            return false;
        }

        var salted = new byte[scramble.Length + digest.Length];
        scramble.CopyTo(salted);
        digest.CopyTo(salted.AsSpan(scramble.Length));
        var candidate = SHA1.HashData(salted);
        for (var i = 0; i < candidate.Length; i++)
        {
            candidate[i] ^= response[i];
        }

        return CryptographicOperations.FixedTimeEquals(SHA1.HashData(candidate), digest);
    }
}
