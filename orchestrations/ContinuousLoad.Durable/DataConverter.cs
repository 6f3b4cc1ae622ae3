using System.Text.Json;

namespace ContinuousLoad.Durable;

/// <summary>How inputs, outputs, events and statuses become text in history and back (JSON).</summary>
public sealed class DataConverter
{
    private readonly JsonSerializerOptions _options;

    public DataConverter(JsonSerializerOptions? options = null) => _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.General);

    public static DataConverter Default { get; } = new();

    public string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), _options);

    public object? Deserialize(string? text, Type type) => text is null ? null : JsonSerializer.Deserialize(text, type, _options);

    public T? Deserialize<T>(string? text) => text is null ? default : JsonSerializer.Deserialize<T>(text, _options);
}
