using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContinuousLoad.Ingest.Loading;

/// <summary>
/// The counts a committed load records with its label, so a retry of the same label (a job task
/// re-run after a crash) can answer with what the first run did instead of loading again.
/// </summary>
public sealed record LoadSummary(
    [property: JsonPropertyName("totalRows")] long TotalRows,
    [property: JsonPropertyName("loadedRows")] long LoadedRows,
    [property: JsonPropertyName("filteredRows")] long FilteredRows,
    [property: JsonPropertyName("unselectedRows")] long UnselectedRows,
    [property: JsonPropertyName("loadBytes")] long LoadBytes,
    [property: JsonPropertyName("errorLog")] string? ErrorLog)
{
    /// <summary>A load whose bodies name their tables (a database-level job's): the rows read and filtered per table.</summary>
    [JsonPropertyName("tables")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, TableRows>? Tables { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static LoadSummary? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<LoadSummary>(json);
}

/// <summary>One table's share of a load: rows read, and of those filtered.</summary>
public sealed record TableRows([property: JsonPropertyName("scannedRows")] long ScannedRows, [property: JsonPropertyName("filteredRows")] long FilteredRows);
