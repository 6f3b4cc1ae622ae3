using System.Reflection;
using ContinuousLoad.Functions.Configuration;
using ContinuousLoad.Functions.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ContinuousLoad.Functions.Health;

/// <summary><c>GET /api/health</c>: the one route open without credentials, for probes and load balancers.</summary>
public sealed class HealthFunction(ContinuousLoadSettings settings)
{

    public static string Version { get; } =
        typeof(HealthFunction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(HealthFunction).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    [Function("Health")]
    [AnonymousFunction]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "health")] HttpRequest request) =>
        HttpFunctionResult.Of(DorisEnvelope.Success(new HealthReport(
            "OK",
            Version,
            settings.DataDirectory,
            new HealthStores(settings.Tables.DisplayName, settings.Durable.DisplayName))));
}
