using System.Net.Sockets;
using ContinuousLoad.Functions.Configuration;
using ContinuousLoad.SqlFrontend.MySqlPort;

namespace ContinuousLoad.Functions.Query;

/// <summary>Runs the MySQL protocol port for the standalone host's lifetime, when the settings enable it.</summary>
public sealed class MySqlPortService(ContinuousLoadSettings settings, IServiceProvider services) : IHostedService, IAsyncDisposable
{
    private MySqlPortServer? _server;

    /// <summary>The running port; null when it is off or not started yet.</summary>
    public MySqlPortServer? Server => _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!settings.MySqlPort.Enabled)
        {
            return Task.CompletedTask;
        }

        var server = ActivatorUtilities.CreateInstance<MySqlPortServer>(services, settings.MySqlPort.Options, settings.TimeZone);
        try
        {
            server.Start();
        }
        catch (SocketException e)
        {
            throw new StartupConfigurationException(
                $"the MySQL port cannot listen on {settings.MySqlPort.Options.Endpoint}: {e.Message}. Stop the other process, choose another port with " +
                $"{MySqlPortSettings.Section.Replace(":", "__", StringComparison.Ordinal)}__Port, or turn the port off with " +
                $"{MySqlPortSettings.Section.Replace(":", "__", StringComparison.Ordinal)}__Enabled=false.");
        }

        _server = server;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            await server.DisposeAsync();
        }
    }
}
