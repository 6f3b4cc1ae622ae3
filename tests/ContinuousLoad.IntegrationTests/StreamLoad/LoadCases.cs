namespace ContinuousLoad.IntegrationTests.StreamLoad;

/// <summary>The Stream Load conformance cases, by area; each runs against both table stores.</summary>
public static partial class LoadCases
{
    public const string Failed = "[DATA_QUALITY_ERROR]too many filtered rows";

    private const string KeyValue = "CREATE TABLE t (k INT, v VARCHAR(20)) DUPLICATE KEY(k)";

    public static IReadOnlyList<LoadCase> All { get; } = [.. Csv, .. Mapping, .. Types, .. Json, .. Compression, .. KeyModels, .. Headers, .. Hostile];

    public static TheoryData<string, string> Runs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var kind in new[] { "sqlite", "postgres" })
            {
                foreach (var load in All)
                {
                    data.Add(kind, load.Name);
                }
            }

            return data;
        }
    }

    public static LoadCase Named(string name) => All.Single(c => c.Name == name);
}
