using System.Text.Json.Serialization;

namespace ContinuousLoad.Functions.Http;

/// <summary>
/// The JSON envelope of Doris's FE REST API: <c>{"msg":..., "code":..., "data":..., "count":0}</c>.
/// Code 0 is success; other codes carry the reason in <c>data</c>.
/// </summary>
public sealed record DorisEnvelope(
    [property: JsonPropertyName("msg")] string Msg,
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("data")] object? Data,
    [property: JsonPropertyName("count")] int Count = 0)
{
    public const string Realm = "ContinuousLoad";

    public static IResult Success(object? data) => Results.Json(new DorisEnvelope("success", 0, data));

    /// <summary>Doris's "common error": HTTP 200, code 1, the reason in <c>data</c>.</summary>
    public static IResult Error(string reason) => Results.Json(new DorisEnvelope("Error", 1, reason));

    /// <summary>Doris's bad request: HTTP 200, code 403.</summary>
    public static IResult BadRequest(string reason) => Results.Json(new DorisEnvelope("Bad Request", 403, reason));

    /// <summary>HTTP 401 with a Basic challenge, so <c>curl --anyauth</c> and browsers know what to send.</summary>
    public static IResult Unauthorized(string reason) => new UnauthorizedResult(reason);

    public static IResult RouteNotFound(HttpContext context) => Results.Json(
        new DorisEnvelope("Not Found", 404, $"No function serves {context.Request.Method} {context.Request.Path}."),
        statusCode: StatusCodes.Status404NotFound);

    public static IResult InternalError(string traceId) => Results.Json(
        new DorisEnvelope("Internal Error", 500, $"The request failed unexpectedly; the server log has details (trace {traceId})."),
        statusCode: StatusCodes.Status500InternalServerError);

    private sealed class UnauthorizedResult(string reason) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
            return Results.Json(new DorisEnvelope("Unauthorized", 401, reason), statusCode: StatusCodes.Status401Unauthorized)
                .ExecuteAsync(httpContext);
        }
    }
}
