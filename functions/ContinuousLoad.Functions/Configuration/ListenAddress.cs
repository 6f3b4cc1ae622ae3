using System.Net;

namespace ContinuousLoad.Functions.Configuration;

/// <summary>The single HTTP address the app serves on, and whether only this machine can reach it.</summary>
public sealed record ListenAddress(string Url, string Host, int Port, bool IsLoopback)
{
    /// <summary>Parses <c>http://host:port</c>; hosts <c>*</c>, <c>+</c> and <c>0.0.0.0</c> mean every interface.</summary>
    public static ListenAddress Parse(string? value, string key)
    {
        var text = value?.Trim() ?? "";
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd < 0 ? "" : text[..schemeEnd].ToUpperInvariant();
        if (scheme is not ("HTTP" or "HTTPS"))
        {
            throw Invalid(key, text, "it must start with http:// or https://");
        }

        var authority = text[(schemeEnd + 3)..].TrimEnd('/');
        if (authority.Contains('/', StringComparison.Ordinal))
        {
            throw Invalid(key, text, "a path is not allowed; routes are always under /api");
        }

        var portSeparator = authority.LastIndexOf(':');
        if (portSeparator < 0 || authority.EndsWith(']'))
        {
            throw Invalid(key, text, "it must name a port, e.g. http://127.0.0.1:7071");
        }

        var host = authority[..portSeparator];
        if (!int.TryParse(authority[(portSeparator + 1)..], System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
        {
            throw Invalid(key, text, "the port must be a number from 0 to 65535");
        }

        if (host.Length == 0)
        {
            throw Invalid(key, text, "the host is missing");
        }

        return new ListenAddress(text, host, port, IsLoopbackHost(host));
    }

    private static bool IsLoopbackHost(string host)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return IPAddress.TryParse(literal, out var address) && IPAddress.IsLoopback(address);
    }

    private static StartupConfigurationException Invalid(string key, string value, string reason) =>
        new($"{key} '{value}' is not a valid listen address: {reason}.");
}
