using ContinuousLoad.Functions.Http;
using System.Globalization;
using ContinuousLoad.Functions.Tables;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ContinuousLoad.Functions.StreamLoad;

/// <summary>
/// <c>PUT /api/{db}[/{table}]/_stream_load_2pc</c>: commits or aborts a pre-committed load, named by
/// <c>txn_id</c> or <c>label</c>, with <c>txn_operation: commit|abort</c>. Answers as Doris does.
/// </summary>
public sealed class TwoPhaseCommitFunction(TableStoreProvider stores, ILoggerFactory loggers)
{
    [Function("TwoPhaseCommit")]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "{db}/_stream_load_2pc")] HttpRequest request, string db) =>
        HttpFunctionResult.Of(await ResolveAsync(request.HttpContext, db));

    /// <summary>The same, with the table in the path as some clients send it (the table is not needed: the transaction names it).</summary>
    [Function("TwoPhaseCommitOfTable")]
    public async Task<IActionResult> RunOfTableAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "{db}/{table}/_stream_load_2pc")] HttpRequest request,
        string db, string table) =>
        HttpFunctionResult.Of(await ResolveAsync(request.HttpContext, db));

    private async Task<IResult> ResolveAsync(HttpContext context, string db)
    {
        var headers = context.Request.Headers;
        var label = headers["label"].ToString().Trim();
        var id = headers["txn_id"].ToString().Trim();
        var operation = headers["txn_operation"].ToString().Trim().ToLowerInvariant();
        if (label.Length == 0 && id.Length == 0)
        {
            return LoadResultJson.StatusMessage("FAILED", "No transaction id selected.", pretty: false);
        }

        if (operation is not ("commit" or "abort"))
        {
            return LoadResultJson.StatusMessage("FAILED", "No transaction operation('commit' or 'abort') selected.", pretty: false);
        }

        TransactionSelector selector;
        if (id.Length > 0)
        {
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var transactionId))
            {
                return LoadResultJson.StatusMessage("FAILED", $"Invalid transaction id: {id}", pretty: false);
            }

            selector = TransactionSelector.ById(transactionId);
        }
        else
        {
            selector = TransactionSelector.ByLabel(label);
        }

        var logger = loggers.CreateLogger(typeof(TwoPhaseCommitFunction));
        try
        {
            var store = await stores.GetAsync(context.RequestAborted);
            _ = operation == "commit"
                ? await store.CommitPreparedAsync(db, selector, context.RequestAborted)
                : await store.AbortPreparedAsync(db, selector, "User Abort", context.RequestAborted);
            StreamLoadLog.Resolved(logger, selector.ToString(), db, operation, "done");
            return LoadResultJson.StatusMessage("Success", $"{selector} {operation} successfully.", pretty: true);
        }
        catch (DorisException e)
        {
            StreamLoadLog.Resolved(logger, selector.ToString(), db, operation, e.Message);
            return LoadResultJson.StatusMessage("ANALYSIS_ERROR", $"TStatus: errCode = 2, detailMessage = {e.Message}", pretty: true);
        }
    }
}
