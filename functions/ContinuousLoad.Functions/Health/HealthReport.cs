using System.Text.Json.Serialization;

namespace ContinuousLoad.Functions.Health;

/// <summary>What <c>GET /api/health</c> tells: the build, where data lives and which stores serve it.</summary>
public sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("data_directory")] string DataDirectory,
    [property: JsonPropertyName("stores")] HealthStores Stores);

public sealed record HealthStores(
    [property: JsonPropertyName("tables")] string Tables,
    [property: JsonPropertyName("durable")] string Durable);
