using ContinuousLoad.Functions.Http;
using ContinuousLoad.Functions.Configuration;
using ContinuousLoad.Functions.Tables;
using ContinuousLoad.Ingest.ErrorLogs;
using ContinuousLoad.Ingest.Loading;
using ContinuousLoad.Ingest.Options;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace ContinuousLoad.Functions.StreamLoad;

/// <summary>
/// <c>PUT /api/{db}/{table}/_stream_load</c>: Doris's Stream Load. Headers are checked, the label taken
/// and the mapping planned before the first body byte is read, so a refused request with
/// <c>Expect: 100-continue</c> never sends its body. The answer is always HTTP 200 with Doris's result JSON.
/// </summary>
public sealed class StreamLoadFunction(TableStoreProvider stores, ErrorLogFolder errorLogs, ContinuousLoadSettings settings, StreamLoadGate gate,
    ILoggerFactory loggers)
{
    /// <summary>Doris's <c>streaming_load_max_mb</c> default: 10 GB per request.</summary>
    public const long MaxBodyBytes = 10L * 1024 * 1024 * 1024;

    [Function("StreamLoad")]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "{db}/{table}/_stream_load")] HttpRequest request,
        string db, string table)
    {
        await LoadAsync(request.HttpContext, db, table);
        return HttpFunctionResult.Written;
    }

    private async Task LoadAsync(HttpContext context, string db, string table)
    {
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        var limits = settings.Limits;

        // A load may take as long as its timeout header allows, but a body that trickles in slower than
        // the minimum rate (after a grace period) ends it: a slow client cannot hold a load open for days.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = limits.MinLoadBodyBytesPerSecond > 0 ? new MinDataRate(limits.MinLoadBodyBytesPerSecond, limits.LoadBodyRateGrace) : null;
        }

        LoadResult result;
        using var lease = gate.TryEnter();
        try
        {
            if (lease is null)
            {
                throw new LoadRequestException(
                    $"current running loads on this host is {gate.Limit}, larger than limit {gate.Limit} " +
                    "(ContinuousLoad:Limits:MaxConcurrentStreamLoads); retry later", LoadErrorKind.Internal);
            }

            var options = LoadOptionsParser.Parse(name => request.Headers.TryGetValue(name, out var value) ? value.ToString() : null, limits.Headers);
            CheckBodyFraming(request, options);
            var store = await stores.GetAsync(cancellationToken);
            result = await new TableLoader(store, errorLogs).LoadAsync(new LoadRequest(db, table, options, request.Body), settings.TimeZone, cancellationToken);
        }
        catch (LoadRequestException e)
        {
            var label = request.Headers["label"].ToString();
            result = new LoadResult
            {
                Label = label,
                Comment = request.Headers["comment"].ToString(),
                TwoPhaseCommit = request.Headers["two_phase_commit"].ToString().Equals("true", StringComparison.OrdinalIgnoreCase),
                Status = LoadStatus.Fail,
                Message = e.DorisMessage,
            };
        }

        StreamLoadLog.Finished(loggers.CreateLogger(typeof(StreamLoadFunction)), db, table, result.Label, result.Status, result.Message,
            result.LoadedRows, result.FilteredRows);
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        var errorUrl = result.ErrorLog is { } log ? $"{request.Scheme}://{request.Host}/api/_load_error_log?file={log}" : null;
        await LoadResultJson.WriteAsync(context.Response, result, errorUrl, cancellationToken);
    }

    /// <summary>The body needs a length or chunked framing; Doris refuses anything else (and so do we, before reading).</summary>
    private static void CheckBodyFraming(HttpRequest request, LoadOptions options)
    {
        var chunked = request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase);
        if (request.ContentLength is null && !chunked)
        {
            throw new LoadRequestException(
                "content_length is empty and transfer-encoding!=chunked, please set content_length or transfer-encoding=chunked",
                LoadErrorKind.InvalidArgument);
        }

        if (request.ContentLength is { } length)
        {
            if (options.Format == LoadFormat.Json && !options.Json.ReadByLine && length > Ingest.Formats.Json.JsonFormat.MaxDocumentBytes)
            {
                throw new LoadRequestException(
                    $"json body size {length} bytes exceeds the limit of {Ingest.Formats.Json.JsonFormat.MaxDocumentBytes} bytes (100 MiB). " +
                    "Split the file, or use 'read_json_by_line'", LoadErrorKind.Internal);
            }

            if (length > MaxBodyBytes)
            {
                throw new LoadRequestException($"body size {length} bytes exceeds the limit of {MaxBodyBytes} bytes (10240 MiB)", LoadErrorKind.Internal);
            }
        }
    }
}
