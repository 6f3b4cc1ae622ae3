using ContinuousLoad.Functions.Http;
using ContinuousLoad.Ingest.ErrorLogs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ContinuousLoad.Functions.StreamLoad;

/// <summary>
/// <c>GET /api/_load_error_log?file=...</c>: the rows a load filtered, as plain text. Only names the
/// loads themselves generated are served; anything else is "not found", never a path on disk.
/// </summary>
public sealed class ErrorLogFunction(ErrorLogFolder folder)
{
    [Function("ErrorLog")]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "_load_error_log")] HttpRequest request) =>
        HttpFunctionResult.Of(folder.Open(request.Query["file"].ToString()) is { } log
            ? Results.Stream(log, "text/plain; charset=utf-8")
            : Results.Json(new DorisEnvelope("Not Found", 404, "No such error log; logs are kept as long as their load's label."),
                statusCode: StatusCodes.Status404NotFound));
}
