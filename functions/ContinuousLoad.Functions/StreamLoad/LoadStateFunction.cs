using ContinuousLoad.Functions.Http;
using ContinuousLoad.Functions.Tables;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ContinuousLoad.Functions.StreamLoad;

/// <summary>
/// <c>GET /api/{db}/get_load_state?label=...</c>: where a label's load stands, in Doris's transaction
/// words: <c>PREPARE</c> (running), <c>PRECOMMITTED</c>, <c>VISIBLE</c>, <c>ABORTED</c> or <c>UNKNOWN</c>.
/// </summary>
public sealed class LoadStateFunction(TableStoreProvider stores)
{
    [Function("LoadState")]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{db}/get_load_state")] HttpRequest request, string db) =>
        HttpFunctionResult.Of(await StateAsync(request.HttpContext, db));

    private async Task<IResult> StateAsync(HttpContext context, string db)
    {
        var label = context.Request.Query["label"].ToString();
        if (string.IsNullOrWhiteSpace(label))
        {
            return DorisEnvelope.BadRequest("No label selected");
        }

        try
        {
            var store = await stores.GetAsync(context.RequestAborted);
            var record = await store.FindLabelAsync(db, label, context.RequestAborted);
            var state = record?.State switch
            {
                LabelState.Visible => "VISIBLE",
                LabelState.Prepared => "PRECOMMITTED",
                LabelState.Aborted => "ABORTED",
                _ when await store.IsLabelRunningAsync(db, label, context.RequestAborted) => "PREPARE",
                _ => "UNKNOWN",
            };
            return DorisEnvelope.Success(state);
        }
        catch (DorisException e)
        {
            return DorisEnvelope.Error(e.Message);
        }
    }
}
