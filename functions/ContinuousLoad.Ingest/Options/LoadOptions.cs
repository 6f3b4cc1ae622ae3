using ContinuousLoad.Ingest.Formats.Csv;
using ContinuousLoad.Ingest.Formats.Json;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Expressions;

namespace ContinuousLoad.Ingest.Options;

/// <summary>Everything a Stream Load's headers say, validated (see <see cref="LoadOptionsParser"/>).</summary>
public sealed record LoadOptions
{
    public string? Label { get; init; }

    public LoadFormat Format { get; init; } = LoadFormat.Csv;

    public CsvFormat Csv { get; init; } = CsvFormat.Default;

    public int SkipLines { get; init; }

    /// <summary>
    /// <c>csv_with_names</c> read by a job: each body's header line names its fields, and
    /// <see cref="Columns"/> holds only the derived columns over those names.
    /// </summary>
    public bool SourceNamesFromHeader { get; init; }

    /// <summary>CSV rows may hold more fields than the mapping reads (a job reads c1..cN of wider files); fewer are still filtered.</summary>
    public bool ExtraFieldsIgnored { get; init; }

    /// <summary>
    /// Fields each body supplies itself, after the data fields (a job's <c>path_partition_keys</c>, valued
    /// from <c>key=value</c> segments of the object's path; see <see cref="Loading.LoadBody.PathValues"/>).
    /// </summary>
    public IReadOnlyList<string> PathFields { get; init; } = [];

    public JsonFormat Json { get; init; } = new(false, false, null, null, "\n"u8.ToArray());

    public IReadOnlyList<ColumnMapping>? Columns { get; init; }

    /// <summary>
    /// A job's INSERT column list: only these columns take values from the source (derived, or a field of
    /// the same name); the others get their defaults. Null for Stream Load, where any field named like a
    /// column loads into it.
    /// </summary>
    public IReadOnlyList<string>? TargetColumns { get; init; }

    public Expression? Where { get; init; }

    /// <summary>A job's WHERE: names resolve to source fields before loaded columns (Stream Load's <c>where</c> sees the columns first).</summary>
    public bool WhereOverSource { get; init; }

    /// <summary>
    /// A change-data load (a CDC job's task; UNIQUE KEY tables only): a row its WHERE does not select
    /// deletes its key instead of being left out, so an update that moves a source row out of the WHERE
    /// removes it; and a delete needs only its key — the source may send nothing else with it.
    /// </summary>
    public bool ChangeData { get; init; }

    /// <summary>
    /// A change-data load that runs ahead of a snapshot (the changes before a range is read): an update without some
    /// columns (<see cref="Formats.IRowSource.IsAbsent"/>) for a key the table does not hold yet is passed over, since the
    /// snapshot brings that row as of a later point, instead of failing the load for values it cannot know.
    /// </summary>
    public bool ChangesAheadOfSnapshot { get; init; }

    public double MaxFilterRatio { get; init; }

    public IReadOnlyList<string> Partitions { get; init; } = [];

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(600);

    public bool StrictMode { get; init; }

    public TimeZoneInfo? TimeZone { get; init; }

    public MergeType MergeType { get; init; } = MergeType.Append;

    public Expression? Delete { get; init; }

    /// <summary><c>function_column.sequence_col</c>: the source column that feeds a hidden sequence column.</summary>
    public string? SequenceSource { get; init; }

    public IReadOnlyList<string> HiddenColumns { get; init; } = [];

    public CompressType Compression { get; init; } = CompressType.None;

    public string Comment { get; init; } = "";

    /// <summary>Partial update: only the mapped columns of a UNIQUE KEY table are written.</summary>
    public bool PartialColumns { get; init; }

    /// <summary>With a partial update, whether rows with new keys are inserted (true) or fail the load.</summary>
    public bool PartialNewKeysAllowed { get; init; } = true;

    public bool TwoPhaseCommit { get; init; }

    /// <summary><c>group_commit</c> sync/async mode: accepted; each load still commits on its own.</summary>
    public bool GroupCommit { get; init; }
}
