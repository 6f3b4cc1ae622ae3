using ContinuousLoad.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace ContinuousLoad.Functions.Authentication;

/// <summary>
/// The same check under the Functions host, as worker middleware: an HTTP function not marked
/// <see cref="AnonymousFunctionAttribute"/> runs only for a user with valid Basic credentials; otherwise the refusal is its result.
/// </summary>
public sealed class FunctionsAuthenticationMiddleware(UserDirectory users, ILogger<FunctionsAuthenticationMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (HttpFunctions.Find(context.FunctionDefinition.Name) is { Anonymous: false } && context.GetHttpContext() is { } http
            && !BasicAuthentication.TryAuthenticate(http, users, logger, out var refusal))
        {
            context.GetInvocationResult().Value = HttpFunctionResult.Of(refusal);
            return Task.CompletedTask;
        }

        return next(context);
    }
}
