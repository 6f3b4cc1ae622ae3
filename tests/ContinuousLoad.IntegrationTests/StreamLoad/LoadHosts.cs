using ContinuousLoad.IntegrationTests.Host;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.StreamLoad;

/// <summary>
/// One running host per table store, shared by a test class: each test gets a client on its own
/// database (created fresh, dropped at the end), so the many cases of a suite cost one start per store.
/// </summary>
public sealed class LoadHosts : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, KestrelHost> _hosts = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>A client on a fresh database named after the current test, on the store of <paramref name="kind"/>.</summary>
    public async Task<StreamLoadClient> ClientAsync(string kind, PostgresServer postgres, string? suffix = null)
    {
        var host = await HostAsync(kind, postgres);
        var client = new StreamLoadClient(host.Url, TestNames.ForCurrentTest("sl", maxLength: 40) + (suffix ?? ""));
        await client.SqlAsync($"DROP DATABASE IF EXISTS {client.Database}");
        await client.SqlAsync($"CREATE DATABASE {client.Database}");
        return client;
    }

    public async Task<KestrelHost> HostAsync(string kind, PostgresServer postgres)
    {
        var connectionString = kind == "postgres" ? postgres.ConnectionString : null;
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!_hosts.TryGetValue(kind, out var host))
            {
                host = await KestrelHost.StartAsync(connectionString is null ? null : new Dictionary<string, string?>
                {
                    ["ContinuousLoad:Tables:Store"] = "postgres",
                    ["ContinuousLoad:Tables:ConnectionString"] = connectionString,
                });
                _hosts[kind] = host;
            }

            return host;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Values)
        {
            await host.DisposeAsync();
        }

        _gate.Dispose();
    }
}
