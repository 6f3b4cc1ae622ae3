using System.Security.Cryptography;
using System.Text;

namespace ContinuousLoad.Sources.Postgres.Replication;

/// <summary>
/// Slot and publication names derived from an owner id (a job id, say): <c>cl_&lt;readable&gt;_&lt;hash&gt;</c>,
/// lower-case letters, digits and underscores only, at most 63 characters (NAMEDATALEN - 1). Slot names
/// may not contain anything else, and the hash keeps two owners that read the same apart.
/// </summary>
public static class ReplicationNames
{
    public const int MaxLength = 63;
    private const int HashLength = 10;

    public static string SlotFor(string ownerId) => Derive("cl_", ownerId);

    public static string PublicationFor(string ownerId) => Derive("clpub_", ownerId);

    /// <summary>True when <paramref name="name"/> is a name PostgreSQL accepts for a replication slot.</summary>
    public static bool IsValidSlotName(string name) =>
        name.Length is > 0 and <= MaxLength && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');

    private static string Derive(string prefix, string ownerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ownerId)))[..HashLength];
        var readable = new StringBuilder(ownerId.Length);
        foreach (var c in ownerId)
        {
            readable.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        var room = MaxLength - prefix.Length - HashLength - 1;
        var head = readable.Length > room ? readable.ToString(0, room) : readable.ToString();
        return $"{prefix}{head}_{hash}";
    }
}
