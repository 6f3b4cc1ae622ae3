namespace ContinuousLoad.Ingest.Loading;

/// <summary>Where a load's time went, as Doris reports it (all in milliseconds in the result).</summary>
public sealed record LoadTimings
{
    /// <summary>The whole load, request to answer.</summary>
    public TimeSpan Load { get; init; }

    /// <summary>Taking the label and opening the store transaction.</summary>
    public TimeSpan BeginTransaction { get; init; }

    /// <summary>Planning: resolving the table, columns, expressions and conditions.</summary>
    public TimeSpan Plan { get; init; }

    /// <summary>Waiting for body bytes from the client.</summary>
    public TimeSpan ReadData { get; init; }

    /// <summary>Reading, converting and writing rows (the body transfer overlaps it).</summary>
    public TimeSpan WriteData { get; init; }

    /// <summary>From the first body byte to the last.</summary>
    public TimeSpan ReceiveData { get; init; }

    /// <summary>Committing (or pre-committing) the store transaction.</summary>
    public TimeSpan CommitAndPublish { get; init; }
}
