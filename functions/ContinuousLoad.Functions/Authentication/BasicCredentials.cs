using System.Text;

namespace ContinuousLoad.Functions.Authentication;

/// <summary>
/// A user and password from an HTTP Basic <c>Authorization</c> header (RFC 7617). Doris clients
/// may write the user as <c>user@cluster</c>; the cluster part is dropped, as Doris does.
/// </summary>
public readonly record struct BasicCredentials(string User, string Password)
{
    private const string Scheme = "Basic";

    /// <returns>The credentials, or null with <paramref name="error"/> saying what was wrong.</returns>
    public static BasicCredentials? Parse(string? header, out string error)
    {
        error = "";
        if (string.IsNullOrWhiteSpace(header))
        {
            error = "Need auth information.";
            return null;
        }

        var text = header.AsSpan().Trim();
        if (text.Length <= Scheme.Length || !text[..Scheme.Length].Equals(Scheme, StringComparison.OrdinalIgnoreCase)
            || text[Scheme.Length] != ' ')
        {
            error = "Only Basic authentication is supported (curl -u user:password).";
            return null;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true)
                .GetString(Convert.FromBase64String(text[(Scheme.Length + 1)..].Trim().ToString()));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            error = "The Basic authorization header is not valid base64 of UTF-8 'user:password'.";
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            error = "The Basic authorization header must hold 'user:password' with a non-empty user.";
            return null;
        }

        var user = decoded[..colon];
        var at = user.IndexOf('@', StringComparison.Ordinal);
        if (at == 0)
        {
            error = "The Basic authorization header must hold 'user:password' with a non-empty user.";
            return null;
        }

        return new BasicCredentials(at > 0 ? user[..at] : user, decoded[(colon + 1)..]);
    }
}
