using System.Security.Cryptography;
using System.Text;
using ContinuousLoad.MySql.Wire.Authentication;
using ContinuousLoad.SqlFrontend.MySqlPort;

namespace ContinuousLoad.Functions.Authentication;

/// <summary>
/// The configured users, for both front ends: checks an HTTP Basic password in constant time, whether or not the user
/// exists, and gives the MySQL port the digests its authentication plugins check against. Only digests are kept.
/// </summary>
public sealed class UserDirectory : IMySqlAccounts
{
    private static readonly byte[] UnknownUserDigest = Digest("\0unknown user\0");
    private readonly Dictionary<string, byte[]> _passwordDigests;
    private readonly Dictionary<string, MySqlAccount> _mySqlAccounts;

    public UserDirectory(IReadOnlyDictionary<string, string> users)
    {
        _passwordDigests = users.ToDictionary(u => u.Key, u => Digest(u.Value), StringComparer.Ordinal);
        _mySqlAccounts = users.ToDictionary(u => u.Key, u => new MySqlAccount(u.Key, NativePassword.Digest(u.Value), CachingSha2Password.Digest(u.Value)),
            StringComparer.Ordinal);
    }

    public MySqlAccount? Find(string user) => _mySqlAccounts.GetValueOrDefault(user);

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
