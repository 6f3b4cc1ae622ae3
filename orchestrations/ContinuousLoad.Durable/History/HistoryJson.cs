using System.Text.Json;

namespace ContinuousLoad.Durable.History;

/// <summary>The JSON form of history events and messages in the stores (format version <see cref="Version"/>).</summary>
public static class HistoryJson
{
    public const int Version = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(HistoryEvent historyEvent) => JsonSerializer.Serialize(historyEvent, Options);

    public static HistoryEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<HistoryEvent>(json, Options) ?? throw new JsonException("a history event was null");
}
