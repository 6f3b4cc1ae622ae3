using System.Globalization;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Definitions;

/// <summary>
/// A JDBC URL as Doris users write it for a CDC source — <c>jdbc:mysql://host[:port][/database][?k=v&amp;...]</c>
/// (also <c>jdbc:mariadb:</c>) or <c>jdbc:postgresql://host[:port][/database][?k=v&amp;...]</c> — read for
/// the one server it names. Its query parameters are kept as given (the job's own parameters say how
/// to connect: <c>ssl_mode</c>, <c>ssl_rootcert</c>).
/// </summary>
public sealed record JdbcUrl(string Host, int Port, string? Database, IReadOnlyDictionary<string, string> Parameters)
{
    /// <exception cref="DorisException">The URL is not a JDBC URL of <paramref name="type"/>, or names no single server.</exception>
    public static JdbcUrl Parse(string text, CdcSourceType type)
    {
        var (schemes, defaultPort) = type == CdcSourceType.MySql ? (new[] { "jdbc:mysql://", "jdbc:mariadb://" }, 3306) : (new[] { "jdbc:postgresql://" }, 5432);
        // Errors show the URL without its query, which could hold a credential.
        var at = text.IndexOf('?', StringComparison.Ordinal);
        var shown = at >= 0 ? text[..at] + "?..." : text;
        var scheme = schemes.FirstOrDefault(s => text.StartsWith(s, StringComparison.OrdinalIgnoreCase))
            ?? throw new DorisException($"Invalid jdbc_url '{shown}': a {(type == CdcSourceType.MySql ? "MySQL" : "PostgreSQL")} source is reached as {schemes[0]}host:port{(type == CdcSourceType.MySql ? "" : "/database")}");
        var rest = text[scheme.Length..];
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        var query = q >= 0 ? rest[(q + 1)..] : "";
        rest = q >= 0 ? rest[..q] : rest;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash >= 0 ? rest[..slash] : rest;
        var database = slash >= 0 && slash < rest.Length - 1 ? Uri.UnescapeDataString(rest[(slash + 1)..]) : null;
        if (authority.Contains(',', StringComparison.Ordinal) || authority.Contains('@', StringComparison.Ordinal) || database?.Contains('/', StringComparison.Ordinal) == true)
        {
            throw new DorisException($"Invalid jdbc_url '{shown}': name one server as host:port, with the user and password as parameters of their own");
        }

        var (host, port) = HostAndPort(authority, defaultPort, shown);
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            parameters[Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals])] = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
        }

        if (parameters.Keys.FirstOrDefault(k => k.Contains("password", StringComparison.OrdinalIgnoreCase) || k.Equals("user", StringComparison.OrdinalIgnoreCase)) is { } credential)
        {
            throw new DorisException($"Invalid jdbc_url '{shown}': '{credential}' belongs in the user and password parameters, which are kept sealed, not in the URL");
        }

        return new JdbcUrl(host, port, database, parameters);
    }

    private static (string Host, int Port) HostAndPort(string authority, int defaultPort, string text)
    {
        // [::1]:3306 — an IPv6 literal is bracketed, so its colons are not the port's.
        var close = authority.StartsWith('[') ? authority.IndexOf(']', StringComparison.Ordinal) : -1;
        var colon = authority.LastIndexOf(':');
        var host = close > 0 ? authority[1..close] : colon >= 0 ? authority[..colon] : authority;
        var portText = (close > 0 ? authority[(close + 1)..] : colon >= 0 ? authority[colon..] : "").TrimStart(':');
        if (host.Length == 0 || (close > 0 && authority.Length > close + 1 && authority[close + 1] != ':'))
        {
            throw new DorisException($"Invalid jdbc_url '{text}': no host");
        }

        if (portText.Length == 0)
        {
            return (host, defaultPort);
        }

        return int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? (host, port)
            : throw new DorisException($"Invalid jdbc_url '{text}': '{portText}' is not a port");
    }
}
