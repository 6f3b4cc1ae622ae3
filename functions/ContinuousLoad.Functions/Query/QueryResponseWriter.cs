using System.Diagnostics;
using System.Text.Json;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Queries;
using ContinuousLoad.Tables.Statements;

namespace ContinuousLoad.Functions.Query;

/// <summary>
/// Writes statement results in the envelope of Doris's HTTP SQL API. Rows stream to the client as
/// they are read; numbers are JSON numbers (decimals with their exact digits), LARGEINT, dates and
/// text are strings, SQL NULL is null.
/// </summary>
public static class QueryResponseWriter
{
    /// <summary>Text stays as it is (Doris sends UTF-8, not \u escapes).</summary>
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteRowsAsync(HttpResponse response, QueryResult result, long limit, Stopwatch clock, CancellationToken cancellationToken)
    {
        // The first row comes before the first byte of the answer: a query that fails while it computes
        // (a timeout, a scan limit) still gets a proper error answer instead of a cut-off result.
        await using var rows = result.Rows.GetAsyncEnumerator(cancellationToken);
        var more = limit > 0 && await rows.MoveNextAsync();
        await using var json = StartSuccess(response, "result_set");
        json.WriteStartArray("meta");
        foreach (var column in result.Columns)
        {
            json.WriteStartObject();
            json.WriteString("name", column.Name);
            json.WriteString("type", column.Type.TypeName);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("data");
        for (long written = 0; more; more = ++written < limit && await rows.MoveNextAsync())
        {
            var row = rows.Current;
            json.WriteStartArray();
            for (var i = 0; i < row.Length; i++)
            {
                WriteValue(json, row[i], result.Columns[i].Type);
            }

            json.WriteEndArray();
            if (json.BytesPending > 64 * 1024)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        EndSuccess(json, clock);
    }

    public static async Task WriteExecAsync(HttpResponse response, ExecResult result, Stopwatch clock, CancellationToken cancellationToken)
    {
        await using var json = StartSuccess(response, "exec_status");
        json.WriteStartObject("status");
        if (result.Label is not null)
        {
            json.WriteString("label", result.Label);
            json.WriteString("status", result.Status);
            json.WriteString("txnId", result.TransactionId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        json.WriteEndObject();
        json.WriteNumber("affectedRows", result.AffectedRows);
        EndSuccess(json, clock);
        await json.FlushAsync(cancellationToken);
    }

    /// <summary>Opens <c>{"msg":"success","code":0,"data":{"type":...</c> on the response body.</summary>
    private static Utf8JsonWriter StartSuccess(HttpResponse response, string type)
    {
        response.ContentType = "application/json";
        var json = new Utf8JsonWriter(response.Body, Options);
        json.WriteStartObject();
        json.WriteString("msg", "success");
        json.WriteNumber("code", 0);
        json.WriteStartObject("data");
        json.WriteString("type", type);
        return json;
    }

    /// <summary>Closes what <see cref="StartSuccess"/> opened, with the statement's time.</summary>
    private static void EndSuccess(Utf8JsonWriter json, Stopwatch clock)
    {
        json.WriteNumber("time", clock.ElapsedMilliseconds);
        json.WriteEndObject();
        json.WriteNumber("count", 0);
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, SqlValue value, DataType type)
    {
        switch (value.Kind)
        {
            case ValueKind.Null:
                json.WriteNullValue();
                break;
            case ValueKind.Boolean:
                json.WriteBooleanValue(value.AsBoolean);
                break;
            case ValueKind.Integer:
                json.WriteNumberValue(value.AsInteger);
                break;
            case ValueKind.Double:
                json.WriteRawValue(SqlValueFormat.FormatDouble(value.AsDouble), skipInputValidation: true);
                break;
            case ValueKind.Decimal:
                json.WriteRawValue(value.AsDecimal.ToString(), skipInputValidation: true);
                break;
            case ValueKind.DateTime:
                json.WriteStringValue(SqlValueFormat.FormatDateTime(value.AsDateTimeMicros, type.Kind == TypeKind.DateTime ? type.Precision : -1));
                break;
            default:
                json.WriteStringValue(SqlValueFormat.ToText(value, -1));
                break;
        }
    }
}
