namespace ContinuousLoad.Functions.Configuration;

/// <summary>One store choice: its kind and, for PostgreSQL, the connection string (never shown).</summary>
public sealed record StoreSettings(StoreKind Kind, string? ConnectionString)
{
    public string DisplayName => Kind == StoreKind.Sqlite ? "sqlite" : "postgres";

    /// <summary>Reads <c>{section}:Store</c> and <c>{section}:ConnectionString</c>.</summary>
    public static StoreSettings Read(IConfiguration configuration, string section)
    {
        var storeKey = $"{section}:Store";
        var connectionKey = $"{section}:ConnectionString";
        var store = configuration[storeKey]?.Trim();
        var connectionString = configuration[connectionKey];
        var kind = store?.ToUpperInvariant() switch
        {
            null or "" or "SQLITE" => StoreKind.Sqlite,
            "POSTGRES" or "POSTGRESQL" => StoreKind.Postgres,
            _ => throw new StartupConfigurationException(
                $"{storeKey} must be 'sqlite' or 'postgres', not '{store}'."),
        };

        if (kind == StoreKind.Postgres && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StartupConfigurationException(
                $"{storeKey} is 'postgres' but {connectionKey} is empty; set it to an Npgsql connection string.");
        }

        return new StoreSettings(kind, kind == StoreKind.Postgres ? connectionString : null);
    }
}
