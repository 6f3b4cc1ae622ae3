using System.Diagnostics;
using System.Text.Json;
using ContinuousLoad.Functions.Configuration;
using ContinuousLoad.Functions.Http;
using ContinuousLoad.Jobs.Statements;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.SqlFrontend.Statements;
using ContinuousLoad.Tables.Statements;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ContinuousLoad.Functions.Query;

/// <summary>
/// <c>POST /api/query/{catalog}/{db}</c>: Doris's HTTP SQL API. The answer is always HTTP 200 with
/// the Doris envelope; failures carry code 1 and the reason (403 for a malformed request).
/// </summary>
public sealed class QueryFunction(StatementRunner statements, ContinuousLoadSettings settings, DurableClientSlot durableClients, ILoggerFactory loggers)
{
    /// <param name="durableClient">The client of the jobs' orchestrations: under the Functions host only this binding gives one (it is kept for the process).</param>
    [Function("Query")]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "query/{catalog}/{db}")] HttpRequest request,
        [DurableClient] DurableTaskClient durableClient, string catalog, string db)
    {
        durableClients.Offer(durableClient);
        await QueryAsync(request.HttpContext, catalog, db);
        return HttpFunctionResult.Written;
    }

    private async Task QueryAsync(HttpContext context, string catalog, string db)
    {
        var clock = Stopwatch.StartNew();
        var cancellationToken = context.RequestAborted;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = settings.Limits.MaxQueryBodyBytes;
        }

        QueryRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<QueryRequest>(context.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            await DorisEnvelope.BadRequest($"The request body is not valid JSON: {e.Message}").ExecuteAsync(context);
            return;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await DorisEnvelope.BadRequest(
                $"The request body is larger than {settings.Limits.MaxQueryBodyBytes} bytes, the most a statement of " +
                $"{settings.Limits.Sql.MaxStatementLength} characters needs (ContinuousLoad:Limits:MaxStatementLength)").ExecuteAsync(context);
            return;
        }

        if (string.IsNullOrWhiteSpace(request?.Statement))
        {
            await DorisEnvelope.BadRequest("Missing statement request body").ExecuteAsync(context);
            return;
        }

        if (request.IsSync == false)
        {
            await DorisEnvelope.Error("Not support async query execution").ExecuteAsync(context);
            return;
        }

        if (!catalog.Equals("default_cluster", StringComparison.OrdinalIgnoreCase) && !catalog.Equals("internal", StringComparison.OrdinalIgnoreCase))
        {
            await DorisEnvelope.Error($"Failed to execute sql: errCode = 2, detailMessage = Unknown catalog '{catalog}'").ExecuteAsync(context);
            return;
        }

        try
        {
            var session = new SessionContext(db, new EvaluationContext(settings.TimeZone, DateTime.UtcNow), context.User.Identity?.Name ?? "")
            {
                Variables = statements.SessionDefaults,
            };
            var result = await statements.RunAsync(request.Statement, session, cancellationToken);
            switch (result)
            {
                case RowsResult rows:
                    await using (rows.Rows)
                    {
                        await QueryResponseWriter.WriteRowsAsync(context.Response, rows.Rows, request.Limit ?? QueryRequest.DefaultLimit, clock, cancellationToken);
                    }

                    break;
                case ExecResult exec:
                    await QueryResponseWriter.WriteExecAsync(context.Response, exec, clock, cancellationToken);
                    break;
            }
        }
        catch (Exception e) when (StatementRunner.IsRefusal(e))
        {
            QueryLog.Refused(loggers.CreateLogger(typeof(QueryFunction)), db, e.Message);
            if (context.Response.HasStarted)
            {
                // Rows already went out (a timeout met mid-stream): cut the answer off rather than end it as if complete.
                context.Abort();
                return;
            }

            await DorisEnvelope.Error($"Failed to execute sql: errCode = 2, detailMessage = {e.Message}").ExecuteAsync(context);
        }
    }
}
