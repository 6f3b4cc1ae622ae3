namespace ContinuousLoad.Ingest.Loading;

/// <summary>What a load did: Doris's result fields, before the HTTP layer prints them.</summary>
public sealed record LoadResult
{
    /// <summary>The store transaction, or -1 when none began (the label was taken, the request was refused).</summary>
    public long TransactionId { get; init; } = -1;

    public required string Label { get; init; }

    public string Comment { get; init; } = "";

    public bool TwoPhaseCommit { get; init; }

    public bool GroupCommit { get; init; }

    public LoadStatus Status { get; init; }

    /// <summary>With <see cref="LoadStatus.LabelAlreadyExists"/>: RUNNING, PRECOMMITTED or FINISHED.</summary>
    public string? ExistingJobStatus { get; init; }

    /// <summary><c>OK</c>, or the reason with Doris's prefix (<c>[DATA_QUALITY_ERROR]</c>, <c>[ANALYSIS_ERROR]</c>, ...).</summary>
    public string Message { get; init; } = "OK";

    public long TotalRows { get; init; }

    /// <summary>Per table, for a load whose bodies name their tables (see <see cref="LoadSummary.Tables"/>); null otherwise.</summary>
    public IReadOnlyDictionary<string, TableRows>? Tables { get; init; }

    public long LoadedRows { get; init; }

    public long FilteredRows { get; init; }

    public long UnselectedRows { get; init; }

    /// <summary>Bytes received from the client.</summary>
    public long LoadBytes { get; init; }

    public LoadTimings Timings { get; init; } = new();

    /// <summary>The error log's name when rows were filtered (served at <c>ErrorURL</c>).</summary>
    public string? ErrorLog { get; init; }

    /// <summary>The first filtered row's reason, when the load failed.</summary>
    public string? FirstError { get; init; }
}
