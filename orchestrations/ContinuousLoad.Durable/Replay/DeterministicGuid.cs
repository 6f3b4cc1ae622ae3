using System.Security.Cryptography;
using System.Text;

namespace ContinuousLoad.Durable.Replay;

/// <summary>Name-based UUIDs (version 5, SHA-1, RFC 4122 §4.3): the same name always gives the same GUID.</summary>
internal static class DeterministicGuid
{
    /// <summary>The URL namespace of RFC 4122, as Durable Task uses for <c>NewGuid</c>.</summary>
    private static readonly Guid UrlNamespace = new("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    public static Guid Create(string name)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetByteCount(name)];
        UrlNamespace.TryWriteBytes(input, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input[16..]);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
