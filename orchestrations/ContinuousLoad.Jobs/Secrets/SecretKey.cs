using System.Security.Cryptography;

namespace ContinuousLoad.Jobs.Secrets;

/// <summary>
/// The 256-bit key that seals job secrets: from configuration (every host sharing jobs needs the same
/// key), or on a laptop a key file made once in the data directory, readable by its owner only.
/// </summary>
public sealed class SecretKey
{
    public const int Bytes = 32;

    private SecretKey(byte[] key) => Key = key;

    internal byte[] Key { get; }

    /// <exception cref="FormatException">The text is not base64 of 32 bytes.</exception>
    public static SecretKey FromBase64(string text)
    {
        var key = Convert.FromBase64String(text.Trim());
        return key.Length == Bytes ? new SecretKey(key) : throw new FormatException($"a secret key is {Bytes} bytes in base64 (44 characters), not {key.Length} bytes");
    }

    /// <summary>Reads the key file, or makes it (random, owner-only) when there is none.</summary>
    /// <exception cref="FormatException">The file holds something other than a key.</exception>
    public static SecretKey FromFile(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var fresh = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}");
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(fresh, options))
            {
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(Bytes)));
            }

            // Two hosts starting at once on one folder: the first key in place wins, the other file goes.
            try
            {
                File.Move(fresh, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(fresh);
            }
        }

        return FromBase64(File.ReadAllText(path));
    }
}
