using ContinuousLoad.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContinuousLoad.IntegrationTests.Host;

/// <summary>
/// The function app in this process but on a real loopback socket, for what an in-memory server cannot
/// show: chunked bodies, <c>Expect: 100-continue</c>, clients that hang up mid-body, many connections at once.
/// </summary>
public sealed class KestrelHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TemporaryDirectory _contentRoot;

    private KestrelHost(WebApplication app, TemporaryDirectory contentRoot, string url)
    {
        _app = app;
        _contentRoot = contentRoot;
        Url = url;
    }

    public string Url { get; }

    public string ContentRoot => _contentRoot.Path;

    /// <summary>The app's MySQL protocol port (on a free loopback port).</summary>
    public SqlFrontend.MySqlPort.MySqlPortServer MySqlPort =>
        _app.Services.GetRequiredService<Functions.Query.MySqlPortService>().Server ?? throw new InvalidOperationException("the MySQL port is off");

    public System.Net.IPEndPoint MySqlEndpoint => MySqlPort.LocalEndpoint;

    public static async Task<KestrelHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var contentRoot = new TemporaryDirectory();
        var url = $"http://127.0.0.1:{HostProcess.FreeLoopbackPort()}";
        try
        {
            var app = Functions.FunctionsApp.Build(new WebApplicationOptions { ContentRootPath = contentRoot.Path }, builder => builder.Configuration
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ContinuousLoad:MySqlPort:Port"] = "0" })
                .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ContinuousLoad:ListenUrl"] = url }));
            await app.StartAsync(TestContext.Current.CancellationToken);
            return new KestrelHost(app, contentRoot, url);
        }
        catch
        {
            contentRoot.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _contentRoot.Dispose();
    }
}
