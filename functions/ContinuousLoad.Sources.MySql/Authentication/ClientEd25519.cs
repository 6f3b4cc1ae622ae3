namespace ContinuousLoad.Sources.MySql.Authentication;

/// <summary>
/// MariaDB's client_ed25519 (MariaDB KB, "Authentication Plugin - ed25519"): the server switches to it
/// with a 32-byte nonce; the client answers with the Ed25519 signature of that nonce, the password's
/// bytes standing in for the RFC 8032 secret (the server stores the matching public key). MySQL has no
/// such plugin.
/// </summary>
public static class ClientEd25519
{
    public const string PluginName = "client_ed25519";

    public static byte[] Sign(string password, ReadOnlySpan<byte> nonce) =>
        Ed25519.Sign(System.Text.Encoding.UTF8.GetBytes(password), nonce);
}
