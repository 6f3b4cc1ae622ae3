using System.Text.Json;

namespace ContinuousLoad.IntegrationTests.StreamLoad;

/// <summary>A Stream Load answer as the client got it: the raw text and its fields.</summary>
public sealed record LoadAnswer(string Text, JsonElement Json)
{
    public string Status => Json.GetProperty("Status").GetString()!;

    public string Message => Json.GetProperty("Message").GetString()!;

    public string Label => Json.GetProperty("Label").GetString()!;

    public long TxnId => Json.GetProperty("TxnId").GetInt64();

    public long Total => Json.GetProperty("NumberTotalRows").GetInt64();

    public long Loaded => Json.GetProperty("NumberLoadedRows").GetInt64();

    public long Filtered => Json.GetProperty("NumberFilteredRows").GetInt64();

    public long Unselected => Json.GetProperty("NumberUnselectedRows").GetInt64();

    public string? ErrorUrl => Json.TryGetProperty("ErrorURL", out var url) ? url.GetString() : null;

    public IReadOnlyList<string> FieldNames => [.. Json.EnumerateObject().Select(p => p.Name)];

    public override string ToString() => Text;
}
