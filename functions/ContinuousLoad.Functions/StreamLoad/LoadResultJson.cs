using System.Text.Encodings.Web;
using System.Text.Json;
using ContinuousLoad.Ingest.Loading;

namespace ContinuousLoad.Functions.StreamLoad;

/// <summary>
/// Prints a load's result the way Doris's backend does: pretty JSON with four-space indents, the
/// fields in Doris's order, timings in whole milliseconds, and a final newline.
/// </summary>
public static class LoadResultJson
{
    private static readonly JsonWriterOptions Pretty = new()
    {
        Indented = true,
        IndentSize = 4,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpResponse response, LoadResult result, string? errorUrl, CancellationToken cancellationToken)
    {
        response.ContentType = "application/json; charset=utf-8";
        await using (var json = new Utf8JsonWriter(response.BodyWriter, Pretty))
        {
            Write(json, result, errorUrl);
        }

        await response.BodyWriter.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    private static void Write(Utf8JsonWriter json, LoadResult result, string? errorUrl)
    {
        json.WriteStartObject();
        json.WriteNumber("TxnId", result.TransactionId);
        json.WriteString("Label", result.Label);
        json.WriteString("Comment", result.Comment);
        if (result.GroupCommit)
        {
            json.WriteBoolean("GroupCommit", true);
        }
        else
        {
            json.WriteString("TwoPhaseCommit", result.TwoPhaseCommit ? "true" : "false");
        }

        json.WriteString("Status", result.Status switch
        {
            LoadStatus.Success => "Success",
            LoadStatus.LabelAlreadyExists => "Label Already Exists",
            _ => "Fail",
        });
        if (result.ExistingJobStatus is { } existing)
        {
            json.WriteString("ExistingJobStatus", existing);
        }

        json.WriteString("Message", result.Message);
        json.WriteNumber("NumberTotalRows", result.TotalRows);
        json.WriteNumber("NumberLoadedRows", result.LoadedRows);
        json.WriteNumber("NumberFilteredRows", result.FilteredRows);
        json.WriteNumber("NumberUnselectedRows", result.UnselectedRows);
        json.WriteNumber("LoadBytes", result.LoadBytes);
        var timings = result.Timings;
        json.WriteNumber("LoadTimeMs", Milliseconds(timings.Load));
        json.WriteNumber("BeginTxnTimeMs", Milliseconds(timings.BeginTransaction));
        json.WriteNumber("StreamLoadPutTimeMs", Milliseconds(timings.Plan));
        json.WriteNumber("ReadDataTimeMs", Milliseconds(timings.ReadData));
        json.WriteNumber("WriteDataTimeMs", Milliseconds(timings.WriteData));
        json.WriteNumber("ReceiveDataTimeMs", Milliseconds(timings.ReceiveData));
        json.WriteNumber("CommitAndPublishTimeMs", Milliseconds(timings.CommitAndPublish));
        if (errorUrl is not null)
        {
            json.WriteString("ErrorURL", errorUrl);
        }

        if (result.FirstError is { } first)
        {
            json.WriteString("FirstErrorMsg", first);
        }

        json.WriteEndObject();
    }

    private static long Milliseconds(TimeSpan time) => (long)time.TotalMilliseconds;

    /// <summary>Doris's short answers (2PC): <c>{"status": "...", "msg": "..."}</c>, pretty when <paramref name="pretty"/>.</summary>
    public static IResult StatusMessage(string status, string message, bool pretty) =>
        Results.Text(
            pretty
                ? $"{{\n    \"status\": {Quote(status)},\n    \"msg\": {Quote(message)}\n}}"
                : $"{{\"status\":{Quote(status)},\"msg\":{Quote(message)}}}",
            "application/json; charset=utf-8");

    private static string Quote(string text) => JsonSerializer.Serialize(text, Relaxed);
}
