using System.Data.Common;
using System.Diagnostics;
using System.Globalization;

namespace ContinuousLoad.IntegrationTests.Servers;

/// <summary>An account on the test MariaDB, and a way to run SQL through the mariadb command-line client.</summary>
public sealed record MariaDbAccount(string Host, int Port, string User, string Password)
{
    public static MariaDbAccount From(DbConnectionStringBuilder settings) => new(
        settings.Required("Server"),
        int.Parse(settings.Required("Port"), CultureInfo.InvariantCulture),
        settings.Required("User ID"),
        settings.TryGetValue("Password", out var password) ? password?.ToString() ?? "" : "");

    /// <summary>Runs <paramref name="sql"/> with <c>mariadb --batch</c>; returns rows of tab-separated fields.</summary>
    public async Task<IReadOnlyList<string[]>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("mariadb")
        {
            ArgumentList =
            {
                "--no-defaults", "--protocol=TCP", $"--host={Host}", $"--port={Port}", $"--user={User}",
                "--batch", "--skip-column-names", "--connect-timeout=5", "--execute", sql,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["MYSQL_PWD"] = Password },
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("mariadb client did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mariadb exited {process.ExitCode}: {await error}");
        }

        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')).ToList();
    }
}
