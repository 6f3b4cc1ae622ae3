using System.Text.Json.Serialization;

namespace ContinuousLoad.Functions.Query;

/// <summary>The body of Doris's HTTP SQL API: the statement, synchronous only, and the row limit (default 1000).</summary>
public sealed record QueryRequest(
    [property: JsonPropertyName("stmt")] string? Statement,
    [property: JsonPropertyName("is_sync")] bool? IsSync = true,
    [property: JsonPropertyName("limit")] long? Limit = QueryRequest.DefaultLimit)
{
    public const long DefaultLimit = 1000;
}
