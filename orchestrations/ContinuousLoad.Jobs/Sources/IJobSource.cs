using ContinuousLoad.Ingest.Loading;
using ContinuousLoad.Jobs.Definitions;

namespace ContinuousLoad.Jobs.Sources;

/// <summary>
/// A kind of source streaming jobs read (S3 today; MySQL and PostgreSQL change streams next). The job's
/// orchestration, its plan and load activities and its checkpointing are the same for every source: a
/// source only says what comes next and how to read it.
/// </summary>
public interface IJobSource
{
    /// <summary>The table function that names this source in CREATE JOB (<c>s3</c>).</summary>
    string Kind { get; }

    /// <summary>The next batch after <paramref name="position"/>, or null when there is nothing new yet.</summary>
    /// <exception cref="Exception">The source cannot be reached or refuses; the plan activity is retried, then the job pauses.</exception>
    Task<JobBatch?> PlanAsync(CompiledJob job, JobPosition position, CancellationToken cancellationToken);

    /// <summary>The batch's data as bodies for the ingest engine, in the order planned; a re-run reads the same data.</summary>
    IAsyncEnumerable<LoadBody> OpenAsync(CompiledJob job, JobBatch batch, CancellationToken cancellationToken);
}

/// <summary>
/// Where a plan starts: after <paramref name="After"/> (null: the beginning); for a job that loads in any
/// order, after its floor, skipping what <paramref name="Ledger"/> records as loaded.
/// </summary>
public sealed record JobPosition(SourceOffset? After, string? Ledger = null);
