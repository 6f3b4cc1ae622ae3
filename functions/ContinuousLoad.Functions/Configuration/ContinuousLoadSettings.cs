using ContinuousLoad.Sql.Evaluation;

namespace ContinuousLoad.Functions.Configuration;

/// <summary>
/// The host's validated settings, read from the <c>ContinuousLoad</c> configuration section.
/// Every key is documented in <c>host.json</c>, <c>local.settings.sample.json</c> and docs/configuration.md.
/// </summary>
public sealed record ContinuousLoadSettings(
    string DataDirectory,
    ListenAddress ListenAddress,
    IReadOnlyDictionary<string, string> Users,
    StoreSettings Tables,
    DurableSettings Durable,
    TimeZoneInfo TimeZone,
    LabelSettings Labels,
    LimitSettings Limits,
    MySqlPortSettings MySqlPort)
{
    public const string Section = "ContinuousLoad";
    public const string DataDirectoryKey = Section + ":DataDirectory";
    public const string ListenUrlKey = Section + ":ListenUrl";
    public const string UsersSection = Section + ":Users";
    public const string TimeZoneKey = Section + ":TimeZone";

    /// <summary>Where the app listens when nothing says otherwise: loopback only, the Functions host's local port.</summary>
    public const string DefaultListenUrl = "http://127.0.0.1:7071";

    /// <summary>A laptop needs nothing else: data under <c>./.data</c>, loopback only (<see cref="DefaultListenUrl"/>), <c>root</c> without a password.</summary>
    public static IReadOnlyDictionary<string, string?> Defaults { get; } = new Dictionary<string, string?>
    {
        [DataDirectoryKey] = ".data",
        [UsersSection + ":root"] = "",
        [Section + ":Tables:Store"] = "sqlite",
        [Section + ":Durable:Backend"] = "sqlite",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    /// <summary>Where loads leave their error logs (served at <c>ErrorURL</c>).</summary>
    public string ErrorLogDirectory => Path.Combine(DataDirectory, "error_log");

    public static ContinuousLoadSettings Read(IConfiguration configuration, string contentRoot)
    {
        var dataDirectory = configuration[DataDirectoryKey];
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            throw new StartupConfigurationException($"{DataDirectoryKey} must name a directory.");
        }

        return new ContinuousLoadSettings(
            Path.GetFullPath(dataDirectory, contentRoot),
            ReadListenAddress(configuration),
            ReadUsers(configuration),
            StoreSettings.Read(configuration, Section + ":Tables"),
            DurableSettings.Read(configuration),
            ReadTimeZone(configuration),
            LabelSettings.Read(configuration, Section),
            LimitSettings.Read(configuration),
            MySqlPortSettings.Read(configuration));
    }

    /// <summary>
    /// <see cref="ListenUrlKey"/>; else the address ASP.NET Core users give first (<c>--urls</c>, <c>ASPNETCORE_URLS</c>), which must
    /// be one address; else <see cref="DefaultListenUrl"/>.
    /// </summary>
    private static ListenAddress ReadListenAddress(IConfiguration configuration)
    {
        if (configuration[ListenUrlKey] is { Length: > 0 } url)
        {
            return ListenAddress.Parse(url, ListenUrlKey);
        }

        foreach (var key in new[] { "urls", "ASPNETCORE_URLS" })
        {
            if (configuration[key] is { Length: > 0 } urls)
            {
                return urls.Contains(';', StringComparison.Ordinal)
                    ? throw new StartupConfigurationException($"{key} names several addresses ({urls}); the app serves one: give one, or set {ListenUrlKey}.")
                    : ListenAddress.Parse(urls, key);
            }
        }

        return ListenAddress.Parse(DefaultListenUrl, ListenUrlKey);
    }

    /// <summary>An account without a password is a laptop convenience: refuse it where others can connect.</summary>
    public void EnsureSafeToServe()
    {
        var open = Users.Where(u => u.Value.Length == 0).Select(u => u.Key).Order(StringComparer.Ordinal).ToList();
        if (open.Count == 0)
        {
            return;
        }

        if (!ListenAddress.IsLoopback)
        {
            throw OpenAccounts(ListenAddress.Url, open, $"or listen on http://127.0.0.1 via {ListenUrlKey.Replace(":", "__", StringComparison.Ordinal)}.");
        }

        if (MySqlPort is { Enabled: true, IsLoopback: false })
        {
            throw OpenAccounts($"the MySQL port {MySqlPort.Options.Endpoint}", open,
                $"or keep the port on 127.0.0.1 via {MySqlPortSettings.Section.Replace(":", "__", StringComparison.Ordinal)}__Address.");
        }
    }

    private static StartupConfigurationException OpenAccounts(string where, List<string> open, string otherwise) => new(
        $"refusing to listen on {where}: user(s) {string.Join(", ", open.Select(u => $"'{u}'"))} " +
        "have an empty password, which is only allowed on a loopback address (127.0.0.1, ::1, localhost). " +
        $"Set a password with {UsersSection.Replace(":", "__", StringComparison.Ordinal)}__<user> {otherwise}");

    /// <summary>
    /// Under the Functions host the address is the host's: in Azure (<c>WEBSITE_INSTANCE_ID</c> is set) every user needs a
    /// password, since anyone may reach the app; under <c>func start</c> the laptop default stands.
    /// </summary>
    public void EnsurePasswordsInAzure(IConfiguration configuration)
    {
        var open = Users.Where(u => u.Value.Length == 0).Select(u => u.Key).Order(StringComparer.Ordinal).ToList();
        if (configuration["WEBSITE_INSTANCE_ID"] is { Length: > 0 } && open.Count > 0)
        {
            throw new StartupConfigurationException(
                $"user(s) {string.Join(", ", open.Select(u => $"'{u}'"))} have an empty password, which is refused in Azure. " +
                $"Set a password with the app setting {UsersSection.Replace(":", "__", StringComparison.Ordinal)}__<user>.");
        }
    }

    /// <summary>The session time zone (Doris's <c>time_zone</c>): an IANA name, UTC or an offset; default the machine's zone.</summary>
    private static TimeZoneInfo ReadTimeZone(IConfiguration configuration) =>
        configuration[TimeZoneKey] is { Length: > 0 } name
            ? EvaluationContext.FindTimeZone(name) ?? throw new StartupConfigurationException(
                $"{TimeZoneKey} '{name}' is not a time zone; use an IANA name such as Asia/Shanghai, UTC, or an offset such as +08:00.")
            : TimeZoneInfo.Local;

    private static Dictionary<string, string> ReadUsers(IConfiguration configuration)
    {
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var user in configuration.GetSection(UsersSection).GetChildren())
        {
            if (user.GetChildren().Any())
            {
                throw new StartupConfigurationException(
                    $"{UsersSection}:{user.Key} must be the user's password (a string), not a section.");
            }

            users[user.Key] = user.Value ?? "";
        }

        if (users.Count == 0)
        {
            throw new StartupConfigurationException($"{UsersSection} defines no users; nobody could sign in.");
        }

        return users;
    }
}
