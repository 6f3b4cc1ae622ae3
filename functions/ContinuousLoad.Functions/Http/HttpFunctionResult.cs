using Microsoft.AspNetCore.Mvc;

namespace ContinuousLoad.Functions.Http;

/// <summary>
/// What an HTTP function answers: an ASP.NET Core result, or nothing more when the function wrote the response itself
/// (a Stream Load's JSON, a query's rows, streamed). An <see cref="IActionResult"/>, which the Functions host's ASP.NET Core
/// integration executes, and the standalone host alike (<see cref="HttpFunctions"/>).
/// </summary>
public sealed class HttpFunctionResult : IActionResult
{
    private readonly IResult? _result;

    private HttpFunctionResult(IResult? result) => _result = result;

    /// <summary>The function wrote the response.</summary>
    public static IActionResult Written { get; } = new HttpFunctionResult(null);

    public static IActionResult Of(IResult result) => new HttpFunctionResult(result);

    public Task ExecuteResultAsync(ActionContext context) => _result?.ExecuteAsync(context.HttpContext) ?? Task.CompletedTask;
}
