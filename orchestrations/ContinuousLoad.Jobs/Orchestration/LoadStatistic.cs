using System.Text.Json.Serialization;

namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>What loading has done, as <c>LoadStatistic</c> JSON of a job or a task (spec B.12).</summary>
public sealed record LoadStatistic(
    [property: JsonPropertyName("scannedRows")] long ScannedRows,
    [property: JsonPropertyName("loadBytes")] long LoadBytes,
    [property: JsonPropertyName("fileNumber")] long FileNumber,
    [property: JsonPropertyName("fileSize")] long FileSize,
    [property: JsonPropertyName("filteredRows")] long FilteredRows)
{
    public static LoadStatistic Zero { get; } = new(0, 0, 0, 0, 0);

    public LoadStatistic Add(LoadStatistic other) => new(
        ScannedRows + other.ScannedRows, LoadBytes + other.LoadBytes, FileNumber + other.FileNumber, FileSize + other.FileSize, FilteredRows + other.FilteredRows);
}
