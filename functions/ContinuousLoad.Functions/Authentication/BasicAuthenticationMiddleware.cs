using System.Security.Claims;
using ContinuousLoad.Functions.Http;
using Microsoft.AspNetCore.Authorization;

namespace ContinuousLoad.Functions.Authentication;

/// <summary>
/// Every route needs Basic credentials except endpoints marked <c>AllowAnonymous</c> (health).
/// A refusal is answered before the body is read, so a client sending <c>Expect: 100-continue</c>
/// never uploads it.
/// </summary>
public sealed class BasicAuthenticationMiddleware(RequestDelegate next, UserDirectory users, ILogger<BasicAuthenticationMiddleware> logger)
{
    public const string AuthenticationType = "Basic";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return next(context);
        }

        var user = users.Authenticate(context.Request.Headers.Authorization, out var reason);
        if (user is null)
        {
            HostLog.Unauthorized(logger, context.Request.Method, context.Request.Path, reason);
            return DorisEnvelope.Unauthorized(reason).ExecuteAsync(context);
        }

        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], AuthenticationType));
        return next(context);
    }
}
