using ContinuousLoad.Functions.Authentication;
using ContinuousLoad.Functions.Configuration;
using ContinuousLoad.Functions.Http;
using ContinuousLoad.Functions.Query;
using ContinuousLoad.Functions.Jobs;
using ContinuousLoad.Functions.StreamLoad;

namespace ContinuousLoad.Functions;

/// <summary>
/// Builds the standalone host — the app serving its functions itself, without the Functions host: configuration layers,
/// validated settings, the listening address, authentication, the HTTP functions (<see cref="HttpFunctions"/>), the label
/// sweep and the durable runtime running the jobs. <c>Program</c> runs it; tests host it in-process. Under the Functions
/// host, <see cref="FunctionsWorker"/> runs the same functions instead.
/// </summary>
public static class FunctionsApp
{
    /// <param name="options">Arguments and content root; the content root is where <c>./.data</c> goes.</param>
    /// <param name="configure">Last-moment changes (tests add configuration or a test server here).</param>
    /// <exception cref="StartupConfigurationException">The configuration is invalid or unsafe to serve.</exception>
    public static WebApplication Build(WebApplicationOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(options);
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Configuration.UseFunctionsLayers(contentRoot, options.Args ?? []);
        configure?.Invoke(builder);

        var settings = ContinuousLoadSettings.Read(builder.Configuration, contentRoot);
        settings.EnsureSafeToServe();
        Directory.CreateDirectory(settings.DataDirectory);

        builder.WebHost.UseUrls(settings.ListenAddress.Url);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestHeadersTotalSize = settings.Limits.MaxRequestHeaderBytes);
        builder.Services.AddProcessGuard();
        builder.Services.AddContinuousLoad(builder.Configuration, settings, settings.ListenAddress.Url);
        builder.Services.AddHostedService<LabelSweepService>();
        builder.Services.AddSingleton<MySqlPortService>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<MySqlPortService>());
        builder.Services.AddJobRuntime(builder.Configuration, settings);

        var app = builder.Build();
        app.UseProcessGuard();
        app.UseMiddleware<UnhandledErrorMiddleware>();
        app.UseRouting();
        app.UseMiddleware<BasicAuthenticationMiddleware>();
        app.MapHttpFunctions();
        app.MapFallback("{*path}", DorisEnvelope.RouteNotFound); // every path, also those that look like file names
        app.Lifetime.ApplicationStarted.Register(() => HostLog.Serving(
            app.Logger, settings.ListenAddress.Url, settings.DataDirectory, settings.Tables.Kind, settings.Durable.DisplayName));
        return app;
    }
}
