using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ContinuousLoad.Functions.Http;

/// <summary>
/// The app's HTTP functions — methods with <see cref="FunctionAttribute"/> and an <see cref="HttpTriggerAttribute"/> parameter —
/// as one route table. Under the Functions host they are routed from <c>functions.metadata</c>, which the build writes from the
/// same attributes; on the standalone host <see cref="MapHttpFunctions"/> maps them onto ASP.NET Core endpoints under the same
/// prefix, making each function's class per request with its services, as the Functions worker does.
/// </summary>
public static class HttpFunctions
{
    /// <summary>The Functions host's default <c>extensions.http.routePrefix</c>, which host.json keeps.</summary>
    public const string RoutePrefix = "api";

    public static IReadOnlyList<HttpFunctionRoute> Routes { get; } = [.. Discover(typeof(HttpFunctions).Assembly)];

    /// <summary>The route of the function named <paramref name="name"/>, or null when it is not an HTTP function.</summary>
    public static HttpFunctionRoute? Find(string name) => Routes.FirstOrDefault(r => r.Name == name);

    public static void MapHttpFunctions(this IEndpointRouteBuilder endpoints)
    {
        foreach (var route in Routes)
        {
            var endpoint = endpoints.MapMethods($"/{RoutePrefix}/{route.Route}", route.Methods, context => InvokeAsync(context, route)).WithDisplayName(route.Name);
            if (route.Anonymous)
            {
                endpoint.AllowAnonymous();
            }
        }
    }

    private static async Task InvokeAsync(HttpContext context, HttpFunctionRoute route)
    {
        var function = ActivatorUtilities.CreateInstance(context.RequestServices, route.Method.DeclaringType!);
        var arguments = route.Method.GetParameters().Select(p => Argument(context, p)).ToArray();
        var answer = route.Method.Invoke(function, BindingFlags.DoNotWrapExceptions, null, arguments, null);
        var result = answer is Task<IActionResult> pending ? await pending : (IActionResult)answer!;
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }

    /// <summary>What the Functions worker binds, bound the same way: the request, a route value by name, the durable client.</summary>
    private static object? Argument(HttpContext context, ParameterInfo parameter) =>
        parameter.ParameterType == typeof(HttpRequest) ? context.Request
        : parameter.ParameterType == typeof(DurableTaskClient) ? context.RequestServices.GetRequiredService<DurableTaskClient>()
        : context.GetRouteValue(parameter.Name!) as string;

    private static IEnumerable<HttpFunctionRoute> Discover(Assembly assembly)
    {
        foreach (var method in assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance)))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is not { } function
                || method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().FirstOrDefault() is not { } trigger)
            {
                continue;
            }

            foreach (var parameter in method.GetParameters())
            {
                if (parameter.ParameterType != typeof(HttpRequest) && parameter.ParameterType != typeof(DurableTaskClient)
                    && !(parameter.ParameterType == typeof(string) && trigger.Route!.Contains($"{{{parameter.Name}}}", StringComparison.Ordinal)))
                {
                    throw new InvalidOperationException($"HTTP function {function.Name} takes {parameter.Name}, which neither host binds the same way");
                }
            }

            yield return new HttpFunctionRoute(function.Name, [.. (trigger.Methods ?? []).Select(m => m.ToUpperInvariant())], trigger.Route!,
                method.GetCustomAttribute<AnonymousFunctionAttribute>() is not null, method);
        }
    }
}

/// <summary>An HTTP function: its name, methods (upper case), route under the prefix, whether it needs no credentials, and its method.</summary>
public sealed record HttpFunctionRoute(string Name, IReadOnlyList<string> Methods, string Route, bool Anonymous, MethodInfo Method);
