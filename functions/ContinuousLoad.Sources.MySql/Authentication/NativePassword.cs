using System.Security.Cryptography;
using System.Text;

namespace ContinuousLoad.Sources.MySql.Authentication;

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
}
