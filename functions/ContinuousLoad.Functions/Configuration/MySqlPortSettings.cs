using System.Net;
using System.Security.Cryptography.X509Certificates;
using ContinuousLoad.SqlFrontend.MySqlPort;

namespace ContinuousLoad.Functions.Configuration;

/// <summary>
/// The MySQL protocol port (<c>ContinuousLoad:MySqlPort</c>): on by default at 127.0.0.1:9030, Doris's <c>query_port</c>,
/// for the <c>mysql</c> client, BI tools and MySQL drivers. Served by the standalone host; the Functions host takes
/// HTTP only. Off with <c>Enabled = false</c>; port 0 takes any free port.
/// </summary>
public sealed record MySqlPortSettings(bool Enabled, MySqlPortOptions Options)
{
    public const string Section = ContinuousLoadSettings.Section + ":MySqlPort";

    public bool IsLoopback => IPAddress.IsLoopback(Options.Endpoint.Address);

    public static MySqlPortSettings Read(IConfiguration configuration)
    {
        var enabled = true;
        if (configuration[$"{Section}:Enabled"] is { Length: > 0 } flag && !bool.TryParse(flag, out enabled))
        {
            throw new StartupConfigurationException($"{Section}:Enabled must be true or false, not '{flag}'.");
        }

        var addressText = configuration[$"{Section}:Address"] is { Length: > 0 } text ? text : "127.0.0.1";
        var address = addressText.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : addressText is "*" or "+" ? IPAddress.Any
            : IPAddress.TryParse(addressText, out var parsed) ? parsed
            : throw new StartupConfigurationException($"{Section}:Address '{addressText}' is not an IP address (use 127.0.0.1, 0.0.0.0 or ::).");
        var port = (int)SettingNumbers.Whole(configuration, $"{Section}:Port", MySqlPortOptions.DefaultPort, 0, 65535);
        return new MySqlPortSettings(enabled, new MySqlPortOptions(
            new IPEndPoint(address, port),
            (int)SettingNumbers.Whole(configuration, $"{Section}:MaxConnections", MySqlPortOptions.DefaultMaxConnections, 1, 100_000),
            TimeSpan.FromSeconds(SettingNumbers.Whole(configuration, $"{Section}:IdleTimeoutSecond", (long)MySqlPortOptions.DefaultIdleTimeout.TotalSeconds, 1, 31_536_000)),
            TimeSpan.FromSeconds(SettingNumbers.Whole(configuration, $"{Section}:WriteTimeoutSecond", (long)MySqlPortOptions.DefaultWriteTimeout.TotalSeconds, 1, 31_536_000)),
            (int)SettingNumbers.Whole(configuration, $"{Section}:MaxPacketBytes", MySqlPortOptions.DefaultMaxPacketBytes, 1024, 1024L * 1024 * 1024),
            Certificate(configuration)));
    }

    /// <summary>A PEM certificate and key (<c>CertificatePath</c>, <c>CertificateKeyPath</c>) or a PKCS#12 file with <c>CertificatePassword</c>.</summary>
    private static X509Certificate2? Certificate(IConfiguration configuration)
    {
        if (configuration[$"{Section}:CertificatePath"] is not { Length: > 0 } path)
        {
            return null;
        }

        try
        {
            return configuration[$"{Section}:CertificateKeyPath"] is { Length: > 0 } keyPath
                ? X509Certificate2.CreateFromPemFile(path, keyPath)
                : X509CertificateLoader.LoadPkcs12FromFile(path, configuration[$"{Section}:CertificatePassword"]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new StartupConfigurationException($"{Section}:CertificatePath '{path}' could not be loaded: {e.Message}");
        }
    }
}
