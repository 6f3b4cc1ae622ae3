using ContinuousLoad.Functions;
using ContinuousLoad.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ContinuousLoad.IntegrationTests.Host;

/// <summary>The function app on an in-memory test server, with its own content root and settings.</summary>
public sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TemporaryDirectory _contentRoot;

    private InProcessHost(WebApplication app, TemporaryDirectory contentRoot)
    {
        _app = app;
        _contentRoot = contentRoot;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public string ContentRoot => _contentRoot.Path;

    public static async Task<InProcessHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var contentRoot = new TemporaryDirectory();
        try
        {
            var app = Build(contentRoot.Path, settings);
            await app.StartAsync(TestContext.Current.CancellationToken);
            return new InProcessHost(app, contentRoot);
        }
        catch
        {
            contentRoot.Dispose();
            throw;
        }
    }

    public static WebApplication Build(string contentRoot, IReadOnlyDictionary<string, string?>? settings) =>
        FunctionsApp.Build(new WebApplicationOptions { ContentRootPath = contentRoot }, builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ContinuousLoad:MySqlPort:Port"] = "0" });
            builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        });

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _contentRoot.Dispose();
    }
}
