using Microsoft.AspNetCore.Authorization;

namespace ContinuousLoad.Functions.Authentication;

/// <summary>
/// The standalone host's check: every route needs Basic credentials except endpoints marked <c>AllowAnonymous</c>
/// (health). A refusal is answered before the body is read, so a client sending <c>Expect: 100-continue</c> never
/// uploads it.
/// </summary>
public sealed class BasicAuthenticationMiddleware(RequestDelegate next, UserDirectory users, ILogger<BasicAuthenticationMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null || BasicAuthentication.TryAuthenticate(context, users, logger, out var refusal)
            ? next(context)
            : refusal.ExecuteAsync(context);
}
