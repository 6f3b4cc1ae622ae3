using ContinuousLoad.Functions.Http;
using ContinuousLoad.Ingest.ErrorLogs;

namespace ContinuousLoad.Functions.StreamLoad;

/// <summary>
/// <c>GET /api/_load_error_log?file=...</c>: the rows a load filtered, as plain text. Only names the
/// loads themselves generated are served; anything else is "not found", never a path on disk.
/// </summary>
public static class ErrorLogFunction
{
    public static void MapErrorLogFunction(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/_load_error_log", (HttpContext context, ErrorLogFolder folder) =>
            folder.Open(context.Request.Query["file"].ToString()) is { } log
                ? Results.Stream(log, "text/plain; charset=utf-8")
                : Results.Json(new DorisEnvelope("Not Found", 404, "No such error log; logs are kept as long as their load's label."),
                    statusCode: StatusCodes.Status404NotFound));
}
