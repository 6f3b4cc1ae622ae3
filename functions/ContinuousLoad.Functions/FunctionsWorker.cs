using ContinuousLoad.Functions.Authentication;
using ContinuousLoad.Functions.Configuration;
using ContinuousLoad.Jobs.Statements;
using Microsoft.Azure.Functions.Worker.Builder;

namespace ContinuousLoad.Functions;

/// <summary>
/// The app as an isolated worker of the Functions host (<c>func start</c>, Azure): the same functions, their HTTP requests
/// through the host with ASP.NET Core integration, the jobs as Durable Functions with their state where the host keeps it
/// (<c>AzureWebJobsStorage</c>), the label sweep on a timer. The host's address and port rule; our settings come from
/// host.json's <c>continuousLoad</c> section and the app settings, as on the standalone host.
/// </summary>
public static class FunctionsWorker
{
    /// <summary>The Functions host starts its worker with these (older hosts: <c>--workerId</c>); nothing else does.</summary>
    public static bool IsLaunchedByHost(IReadOnlyList<string> args) => args.Any(a => a is "--functions-worker-id" or "--workerId");

    /// <exception cref="StartupConfigurationException">The configuration is invalid or unsafe to serve.</exception>
    public static IHost Build(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Configuration.UseHostJsonBeneath(contentRoot);
        var settings = ContinuousLoadSettings.Read(builder.Configuration, contentRoot);
        settings.EnsurePasswordsInAzure(builder.Configuration);
        Directory.CreateDirectory(settings.DataDirectory);

        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<FunctionsAuthenticationMiddleware>();
        builder.Services.AddContinuousLoad(builder.Configuration, settings, PublicUrl(builder.Configuration));
        // The durable client exists only as a binding here: the functions that need it offer theirs (DurableClientSlot).
        builder.Services.AddSingleton<DurableClientSlot>();
        return builder.Build();
    }

    /// <summary>Where the host is reached: Azure's <c>WEBSITE_HOSTNAME</c> (Core Tools sets it to localhost:7071), over HTTPS except on localhost.</summary>
    private static string PublicUrl(IConfiguration configuration) =>
        configuration["WEBSITE_HOSTNAME"] is { Length: > 0 } host
            ? (host.StartsWith("localhost", StringComparison.OrdinalIgnoreCase) ? "http://" : "https://") + host
            : ContinuousLoadSettings.DefaultListenUrl;
}
