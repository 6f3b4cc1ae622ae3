using System.Data.Common;

namespace ContinuousLoad.IntegrationTests.Servers;

/// <summary>Reads a CLTEST_* variable exported by tests/run (a "Key=Value;..." connection string).</summary>
public static class ConnectionSettings
{
    /// <returns>The parsed settings, or null with the reason when the variable is not set.</returns>
    public static DbConnectionStringBuilder? FromEnvironment(string variable, out string? unavailableReason)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            unavailableReason = $"{variable} is not set";
            return null;
        }

        unavailableReason = null;
        return new DbConnectionStringBuilder { ConnectionString = value };
    }

    public static string Required(this DbConnectionStringBuilder settings, string key) =>
        settings.TryGetValue(key, out var value) && value?.ToString() is { Length: > 0 } text
            ? text
            : throw new InvalidOperationException($"The connection string lacks '{key}'.");
}
