using System.Text.Json;
using ContinuousLoad.Functions.Http;
using ContinuousLoad.Testing;
using Microsoft.AspNetCore.Routing;

namespace ContinuousLoad.IntegrationTests.Host;

/// <summary>
/// One route table: the HTTP triggers the build wrote to <c>functions.metadata</c> (what the Functions host routes) are the
/// routes the standalone host serves — same names, methods and routes — and the jobs and the label sweep are functions too.
/// </summary>
public sealed class FunctionRouteTableTests
{
    [Fact]
    public void The_functions_host_and_the_standalone_host_serve_the_same_http_functions()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        var triggers = metadata.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray().Select(b => (Name: f.GetProperty("name").GetString()!, Binding: b)))
            .Where(f => f.Binding.GetProperty("type").GetString() == "httpTrigger")
            .Select(f => Route(f.Name, f.Binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!), f.Binding.GetProperty("route").GetString()!))
            .Order(StringComparer.Ordinal)
            .ToList();
        using var contentRoot = new TemporaryDirectory();
        var app = InProcessHost.Build(contentRoot.Path, null);
        var served = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)
            .Select(e => Route(e.DisplayName!, e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods, e.RoutePattern.RawText!.TrimStart('/')[(HttpFunctions.RoutePrefix.Length + 1)..]))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(7, triggers.Count);
        Assert.Equal(triggers, served);
        Assert.All(metadata.RootElement.EnumerateArray().SelectMany(f => f.GetProperty("bindings").EnumerateArray())
                .Where(b => b.GetProperty("type").GetString() == "httpTrigger"),
            b => Assert.Equal("Anonymous", b.GetProperty("authLevel").GetString()));
        Assert.Equal(
            ["LabelSweep timerTrigger", "LoadBatchActivity activityTrigger", "PlanBatchActivity activityTrigger", "StreamingJobOrchestrator orchestrationTrigger"],
            metadata.RootElement.EnumerateArray()
                .Select(f => $"{f.GetProperty("name").GetString()} {f.GetProperty("bindings")[0].GetProperty("type").GetString()}")
                .Where(f => !f.EndsWith("httpTrigger", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal));
    }

    private static string Route(string name, IEnumerable<string> methods, string route) =>
        $"{name} {string.Join(",", methods.Select(m => m.ToUpperInvariant()).Order(StringComparer.Ordinal))} {route}";
}
