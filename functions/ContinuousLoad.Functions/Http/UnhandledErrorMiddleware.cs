namespace ContinuousLoad.Functions.Http;

/// <summary>The one place an unexpected exception is logged; the client gets a Doris-shaped 500.</summary>
public sealed class UnhandledErrorMiddleware(RequestDelegate next, ILogger<UnhandledErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception e)
        {
            HostLog.UnhandledError(logger, e, context.Request.Method, context.Request.Path);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await DorisEnvelope.InternalError(context.TraceIdentifier).ExecuteAsync(context);
            }
        }
    }
}
