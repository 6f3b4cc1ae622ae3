using System.Security.Cryptography;
using System.Text;

namespace ContinuousLoad.Functions.Authentication;

/// <summary>The configured users; checks a password in constant time, whether or not the user exists.</summary>
public sealed class UserDirectory
{
    private static readonly byte[] UnknownUserDigest = Digest("\0unknown user\0");
    private readonly Dictionary<string, byte[]> _passwordDigests;

    public UserDirectory(IReadOnlyDictionary<string, string> users) =>
        _passwordDigests = users.ToDictionary(u => u.Key, u => Digest(u.Value), StringComparer.Ordinal);

    /// <returns>The signed-in user, or null with a Doris-style reason.</returns>
    public string? Authenticate(string? authorizationHeader, out string reason)
    {
        if (BasicCredentials.Parse(authorizationHeader, out reason) is not { } credentials)
        {
            return null;
        }

        var known = _passwordDigests.TryGetValue(credentials.User, out var expected);
        var matches = CryptographicOperations.FixedTimeEquals(Digest(credentials.Password), expected ?? UnknownUserDigest);
        if (known && matches)
        {
            return credentials.User;
        }

        var usingPassword = credentials.Password.Length > 0 ? "YES" : "NO";
        reason = $"Access denied for user '{credentials.User}' (using password: {usingPassword})";
        return null;
    }

    private static byte[] Digest(string password) => SHA256.HashData(Encoding.UTF8.GetBytes(password));
}
