using System.Reflection;
using ContinuousLoad.Functions.Configuration;
using ContinuousLoad.Functions.Http;

namespace ContinuousLoad.Functions.Health;

/// <summary><c>GET /api/health</c>: the one route open without credentials, for probes and load balancers.</summary>
public static class HealthFunction
{
    public const string Route = "/api/health";

    public static string Version { get; } =
        typeof(HealthFunction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(HealthFunction).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public static void MapHealthFunction(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods(Route, [HttpMethods.Get, HttpMethods.Head], (ContinuousLoadSettings settings) =>
                DorisEnvelope.Success(new HealthReport(
                    "OK",
                    Version,
                    settings.DataDirectory,
                    new HealthStores(settings.Tables.DisplayName, settings.Durable.DisplayName))))
            .AllowAnonymous();
}
