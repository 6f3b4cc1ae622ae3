using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Jobs.Definitions;

namespace ContinuousLoad.Jobs.Sources;

/// <summary>
/// A kind of source streaming jobs read (S3 objects, PostgreSQL and MySQL changes). The job's
/// orchestration, its plan and load activities and its checkpointing are the same for every source: a
/// source only says what comes next and how to read it.
/// </summary>
public interface IJobSource
{
    /// <summary>The <see cref="SourceParameters.Kind"/> this source reads (<c>s3</c>, <c>cdc_stream:postgres</c>).</summary>
    string Kind { get; }

    /// <summary>What CREATE and ALTER check at the source before the job exists: that it can be reached and read as asked.</summary>
    /// <param name="load">The load options the job's SELECT maps to (which source fields it reads); null for a database-level job, which maps each table by name.</param>
    /// <returns>Where a new job starts, when the source fixes it now (a MySQL job's binlog position); null: at its first plan.</returns>
    /// <exception cref="Tables.Catalog.DorisException">The source refuses or does not fit; the message says why.</exception>
    Task<SourceOffset?> CheckAsync(CompiledJob job, LoadOptions? load, CancellationToken cancellationToken);

    /// <summary>The next batch after <paramref name="position"/>, or null when there is nothing new yet.</summary>
    /// <exception cref="Exception">The source cannot be reached or refuses; the plan activity is retried, then the job pauses.</exception>
    Task<JobBatch?> PlanAsync(CompiledJob job, JobPosition position, CancellationToken cancellationToken);

    /// <summary>The batch's data, in the order planned; a re-run reads the same data (or, for a snapshot, the same rows as of a new point it reports).</summary>
    /// <param name="drift">Checks a database-level job's source tables against their targets as the bodies are read; the task's across its re-runs.</param>
    Task<OpenedBatch> OpenAsync(CompiledJob job, JobBatch batch, Mirror.SchemaDrift drift, CancellationToken cancellationToken);

    /// <summary>
    /// A database-level job's source tables as their targets would be created now (spec B.7), in the order asked, over one
    /// connection: to add the columns a table gained, to create a new one, to find changes not propagated.
    /// </summary>
    /// <exception cref="NotSupportedException">The source has no tables (S3).</exception>
    Task<IReadOnlyList<Mirror.MirroredTable>> DescribeTablesAsync(CompiledJob job, IReadOnlyList<string> tables, CancellationToken cancellationToken);

    /// <summary>DROP JOB: removes what the job created at the source (a PostgreSQL slot and publication of its own), never what the user supplied.</summary>
    Task DropAsync(CompiledJob job, CancellationToken cancellationToken);
}

/// <summary>
/// Where a plan starts: after <paramref name="After"/> (null: the beginning); for a job that loads in any
/// order, after its floor, skipping what <paramref name="Ledger"/> records as loaded.
/// </summary>
public sealed record JobPosition(SourceOffset? After, string? Ledger = null);
