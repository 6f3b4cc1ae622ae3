using System.Globalization;

namespace ContinuousLoad.Sources.MySql;

/// <summary>
/// How to reach and log in to a MySQL or MariaDB server. <see cref="Parse"/> reads the usual
/// connection-string keys (Server, Port, User ID, Password, Database, SslMode, AllowPublicKeyRetrieval,
/// ServerRsaPublicKey, Connect Timeout, Read Timeout in seconds). <see cref="ToString"/> never shows the password.
/// </summary>
public sealed record MySqlConnectionOptions(string Host, int Port, string User, string Password)
{
    public string? Database { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one read may wait for the server; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public MySqlTlsMode TlsMode { get; init; } = MySqlTlsMode.Preferred;

    /// <summary>Accept any server certificate (self-signed test servers); off by default.</summary>
    public bool TlsAcceptAnyCertificate { get; init; }

    /// <summary>
    /// Let caching_sha2_password fetch the server's RSA key over an unencrypted connection. A man in the
    /// middle could answer with its own key, so this is off unless asked for.
    /// </summary>
    public bool AllowPublicKeyRetrieval { get; init; }

    /// <summary>The server's RSA public key (PEM), when known in advance; used instead of retrieving it.</summary>
    public string? ServerRsaPublicKey { get; init; }

    /// <summary>Bytes read from the socket at once; large buffers make big result sets cheap.</summary>
    public int ReadBufferSize { get; init; } = 256 * 1024;

    public static MySqlConnectionOptions Parse(string connectionString)
    {
        var settings = ConnectionStringPairs.Parse(connectionString);
        string? Get(params string[] keys) =>
            keys.Select(key => settings.TryGetValue(key, out var value) ? value : null).FirstOrDefault(value => value is not null);
        TimeSpan? Seconds(params string[] keys) =>
            Get(keys) is { } text ? TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture)) : null;

        var host = Get("Server", "Host", "Data Source") ?? throw new ArgumentException("The connection string names no Server.", nameof(connectionString));
        var options = new MySqlConnectionOptions(
            host,
            Get("Port") is { } port ? int.Parse(port, CultureInfo.InvariantCulture) : 3306,
            Get("User ID", "User", "Uid", "Username") ?? throw new ArgumentException("The connection string names no User ID.", nameof(connectionString)),
            Get("Password", "Pwd") ?? "")
        {
            Database = Get("Database"),
            AllowPublicKeyRetrieval = Get("AllowPublicKeyRetrieval", "Allow Public Key Retrieval") is { } allow && bool.Parse(allow),
            ServerRsaPublicKey = Get("ServerRsaPublicKey"),
            TlsMode = Get("SslMode", "Ssl Mode") is { } mode ? ParseTlsMode(mode) : MySqlTlsMode.Preferred,
        };
        return options with
        {
            ConnectTimeout = Seconds("Connect Timeout", "ConnectTimeout") ?? options.ConnectTimeout,
            ReadTimeout = Seconds("Read Timeout", "ReadTimeout") ?? options.ReadTimeout,
        };
    }

    public override string ToString() => $"MySqlConnectionOptions {{ Host = {Host}, Port = {Port}, User = {User}, Database = {Database}, TlsMode = {TlsMode} }}";

    private static MySqlTlsMode ParseTlsMode(string mode) => mode.ToUpperInvariant() switch
    {
        "NONE" or "DISABLED" => MySqlTlsMode.Disabled,
        "PREFERRED" => MySqlTlsMode.Preferred,
        "REQUIRED" or "VERIFYCA" or "VERIFYFULL" => MySqlTlsMode.Required,
        _ => throw new ArgumentException($"SslMode '{mode}' is not one of None, Preferred, Required."),
    };
}
