using DurableTask.Core;
using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace ContinuousLoad.Durable.Sqlite;

/// <summary>
/// DurableTask.Core's history events and messages as JSON, the way its own providers write them
/// (Newtonsoft with type names, since events are polymorphic). Reading names only DurableTask.Core's
/// types: the store holds nothing else, and a type name from elsewhere is refused.
/// </summary>
internal static class CoreJson
{
    private static readonly JsonSerializerSettings Settings = new()
    {
        TypeNameHandling = TypeNameHandling.Objects,
        SerializationBinder = new CoreTypesOnly(),
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
    };

    public static string Write(HistoryEvent historyEvent) => JsonConvert.SerializeObject(historyEvent, Settings);

    public static string Write(TaskMessage message) => JsonConvert.SerializeObject(message, Settings);

    public static string Write(object value) => JsonConvert.SerializeObject(value, Settings);

    public static HistoryEvent ReadEvent(string json) => JsonConvert.DeserializeObject<HistoryEvent>(json, Settings)!;

    public static TaskMessage ReadMessage(string json) => JsonConvert.DeserializeObject<TaskMessage>(json, Settings)!;

    public static T? Read<T>(string? json) => json is null ? default : JsonConvert.DeserializeObject<T>(json, Settings);

    private sealed class CoreTypesOnly : DefaultSerializationBinder
    {
        private static readonly System.Reflection.Assembly Core = typeof(TaskMessage).Assembly;

        public override Type BindToType(string? assemblyName, string typeName)
        {
            var type = base.BindToType(assemblyName, typeName);
            return type.Assembly == Core || type.Assembly == typeof(object).Assembly
                ? type
                : throw new JsonSerializationException($"type {typeName} is not a DurableTask.Core type");
        }
    }
}
