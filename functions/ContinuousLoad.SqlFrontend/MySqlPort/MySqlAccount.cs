namespace ContinuousLoad.SqlFrontend.MySqlPort;

/// <summary>
/// What the port needs to check a user's password without knowing it: the digests each authentication plugin's
/// challenge is checked against (mysql_native_password: SHA1(SHA1(password)); caching_sha2_password's fast path:
/// SHA256(SHA256(password))); both empty for an account without a password.
/// </summary>
public sealed record MySqlAccount(string User, byte[] NativeDigest, byte[] Sha256Digest);

/// <summary>The accounts the port signs users in against: the same users as the HTTP front end.</summary>
public interface IMySqlAccounts
{
    /// <summary>The account named <paramref name="user"/>, or null.</summary>
    MySqlAccount? Find(string user);
}
