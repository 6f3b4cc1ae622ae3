using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using ContinuousLoad.Functions.Http;

namespace ContinuousLoad.Functions.Authentication;

/// <summary>
/// Checks a request's HTTP Basic credentials against the users, as both hosts do before a function runs (Doris clients
/// send Basic credentials and cannot send a Functions key, so every function is anonymous to the Functions host).
/// </summary>
public static class BasicAuthentication
{
    public const string AuthenticationType = "Basic";

    /// <summary>On success the request's user is the one named; otherwise <paramref name="refusal"/> is the answer, sent before the body is read.</summary>
    public static bool TryAuthenticate(HttpContext context, UserDirectory users, ILogger logger, [NotNullWhen(false)] out IResult? refusal)
    {
        var user = users.Authenticate(context.Request.Headers.Authorization, out var reason);
        if (user is null)
        {
            HostLog.Unauthorized(logger, context.Request.Method, context.Request.Path, reason);
            refusal = DorisEnvelope.Unauthorized(reason);
            return false;
        }

        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], AuthenticationType));
        refusal = null;
        return true;
    }
}
