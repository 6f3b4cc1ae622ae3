using System.Text.Json.Serialization;
using ContinuousLoad.Ingest.Loading;

namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>
/// What loading has done, as <c>LoadStatistic</c> JSON of a job or a task (spec B.12); a database-level job's also per
/// table (<see cref="Tables"/>), which only the job keeps, so its task history stays small.
/// </summary>
public sealed record LoadStatistic(
    [property: JsonPropertyName("scannedRows")] long ScannedRows,
    [property: JsonPropertyName("loadBytes")] long LoadBytes,
    [property: JsonPropertyName("fileNumber")] long FileNumber,
    [property: JsonPropertyName("fileSize")] long FileSize,
    [property: JsonPropertyName("filteredRows")] long FilteredRows)
{
    public static LoadStatistic Zero { get; } = new(0, 0, 0, 0, 0);

    [JsonPropertyName("tables")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, TableRows>? Tables { get; init; }

    /// <summary>Without the per-table counts: what a task keeps.</summary>
    public LoadStatistic WithoutTables() => this with { Tables = null };

    public LoadStatistic Add(LoadStatistic other) => new(
        ScannedRows + other.ScannedRows, LoadBytes + other.LoadBytes, FileNumber + other.FileNumber, FileSize + other.FileSize, FilteredRows + other.FilteredRows)
    {
        Tables = Merge(Tables, other.Tables),
    };

    private static SortedDictionary<string, TableRows>? Merge(IReadOnlyDictionary<string, TableRows>? first, IReadOnlyDictionary<string, TableRows>? second)
    {
        if (first is null && second is null)
        {
            return null;
        }

        var merged = new SortedDictionary<string, TableRows>(StringComparer.Ordinal);
        foreach (var (table, rows) in (first ?? new Dictionary<string, TableRows>()).Concat(second ?? new Dictionary<string, TableRows>()))
        {
            var before = merged.GetValueOrDefault(table) ?? new TableRows(0, 0);
            merged[table] = new TableRows(before.ScannedRows + rows.ScannedRows, before.FilteredRows + rows.FilteredRows);
        }

        return merged;
    }
}
