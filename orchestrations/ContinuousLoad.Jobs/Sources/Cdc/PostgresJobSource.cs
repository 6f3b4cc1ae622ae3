using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Changes;
using ContinuousLoad.Sources.Postgres.Metadata;
using ContinuousLoad.Sources.Postgres.Replication;
using ContinuousLoad.Tables.Catalog;
using Npgsql;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// <c>cdc_stream("type" = "postgres", ...)</c> as a job source. The first plan creates the job's publication
/// and slot (or checks the user's). With <c>offset = initial</c> or <c>snapshot</c> the job then reads the
/// table in primary-key ranges of <c>snapshot_split_size × snapshot_parallelism</c> rows, one range a task,
/// each joined to the change stream at the exact point it is read at (<see cref="PostgresChangeRange"/>); then
/// (or at once, with <c>latest</c>) it loads the slot's transactions, whole, task by task. The slot is
/// confirmed only up to what a committed task recorded.
/// </summary>
public sealed class PostgresJobSource(JobSettings settings) : IJobSource
{
    public string Kind => CdcStreamSource.KindOf(CdcSourceType.Postgres);

    /// <returns>Null: the job starts where its slot does, made at its first plan.</returns>
    public async Task<SourceOffset?> CheckAsync(CompiledJob job, LoadOptions load, CancellationToken cancellationToken)
    {
        var table = (await Reach(() => SourceOf(job).CheckAsync(cancellationToken)))[0];
        SourceTableFit.Check(table.Name.ToString(), table.PrimaryKey.Count > 0, [.. table.Columns.Select(c => c.Name)], load);
        return null;
    }

    public async Task<JobBatch?> PlanAsync(CompiledJob job, JobPosition position, CancellationToken cancellationToken)
    {
        try
        {
            return await PlanFromAsync(job, position, cancellationToken);
        }
        catch (PostgresSourceException e) when (e.Error == PostgresSourceError.SlotMissing && position.After is not null)
        {
            // Never made again behind the job's back: the changes the slot held are gone, and only a new snapshot covers them.
            throw new PostgresSourceException(e.Error, $"{e.Message} The job cannot continue without the changes the slot held: DROP JOB and create it again " +
                                                       "with \"offset\" = \"initial\" to take a new snapshot.", e.SqlState, e);
        }
    }

    private async Task<JobBatch?> PlanFromAsync(CompiledJob job, JobPosition position, CancellationToken cancellationToken)
    {
        var cdc = (CdcStreamSource)job.Source;
        var source = SourceOf(job);
        switch (position.After)
        {
            case null:
                // The first plan of the job (or a re-plan before its first task committed): the slot starts here.
                await source.PrepareAsync(cancellationToken);
                var slot = (await source.EnsureSlotAsync(cancellationToken)).Value;
                var start = Math.Max(slot, cdc.Start.Lsn?.Value ?? 0);
                return cdc.Start.Mode is CdcStartMode.Initial or CdcStartMode.Snapshot
                    ? await SnapshotRangeAsync(source, cdc, start, null, cancellationToken)
                    : (JobBatch?)await PostgresChangeRange.PlanAsync(source, start, ChangeTaskLimits.MaxChangesPerTask, cancellationToken);
            case PostgresOffset { Finished: true }:
                return null;
            case PostgresOffset { Snapshot: { } progress } offset:
                return await SnapshotRangeAsync(source, cdc, offset.Lsn, progress.After, cancellationToken);
            case PostgresOffset offset:
                return await PostgresChangeRange.PlanAsync(source, offset.Lsn, ChangeTaskLimits.MaxChangesPerTask, cancellationToken);
            default:
                throw new InvalidOperationException($"A PostgreSQL job cannot continue from {position.After.ToDoris()}");
        }
    }

    public async Task<OpenedBatch> OpenAsync(CompiledJob job, JobBatch batch, CancellationToken cancellationToken)
    {
        var cdc = (CdcStreamSource)job.Source;
        var source = SourceOf(job);
        var zone = job.TimeZoneOr(settings.TimeZone);
        switch (batch)
        {
            case PostgresChangeBatch changes:
                var key = KeyOf(await source.ReadTableAsync(TableOf(cdc), cancellationToken));
                return new OpenedBatch(SourceTableFit.Body(PostgresChangeRange.OpenAsync(source, changes, cancellationToken), key, zone), batch.End);
            case PostgresSnapshotBatch range:
                var snapshot = await source.OpenRangeSnapshotAsync(cancellationToken);
                try
                {
                    var table = await snapshot.ReadTableAsync(TableOf(cdc), cancellationToken);
                    return new OpenedBatch(SourceTableFit.Body(PostgresChangeRange.OpenAsync(source, range, snapshot, table, cancellationToken), KeyOf(table), zone),
                        range.EndAt(snapshot.ConsistentPoint.Value), snapshot);
                }
                catch
                {
                    await snapshot.DisposeAsync();
                    throw;
                }

            default:
                throw new InvalidOperationException($"A PostgreSQL job cannot load a {batch.GetType().Name}");
        }
    }

    public Task DropAsync(CompiledJob job, CancellationToken cancellationToken) => Reach(async () =>
    {
        await SourceOf(job).DropOwnedAsync(cancellationToken);
        return true;
    });

    private static async Task<JobBatch?> SnapshotRangeAsync(PostgresSource source, CdcStreamSource cdc, ulong start, IReadOnlyList<string>? after,
        CancellationToken cancellationToken)
    {
        var table = await source.ReadTableAsync(TableOf(cdc), cancellationToken);
        var upTo = await source.FindRangeEndAsync(table, after, checked(cdc.SnapshotSplitSize * cdc.SnapshotParallelism), cancellationToken);
        return new PostgresSnapshotBatch(start, after, upTo, cdc.Start.Mode == CdcStartMode.Snapshot, DateTime.UtcNow);
    }

    private static string[] KeyOf(TableMetadata table) => [.. table.PrimaryKey.Select(c => c.Name)];

    private static TableName TableOf(CdcStreamSource cdc) => new(cdc.Schema!, cdc.Table);

    private static PostgresSource SourceOf(CompiledJob job)
    {
        var cdc = (CdcStreamSource)job.Source;
        var connection = new NpgsqlConnectionStringBuilder
        {
            Host = cdc.Url.Host,
            Port = cdc.Url.Port,
            Database = cdc.Database,
            Username = cdc.User,
            Password = cdc.Password,
            SslMode = cdc.SslMode switch
            {
                CdcSslMode.Require => SslMode.Require,
                CdcSslMode.VerifyCa => SslMode.VerifyCA,
                _ => SslMode.Disable,
            },
            RootCertificate = cdc.SslRootCert,
        };
        var owner = "job_" + job.Definition.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var target = new ReplicationTarget(cdc.SlotName ?? ReplicationNames.SlotFor(owner), cdc.PublicationName ?? ReplicationNames.PublicationFor(owner),
            OwnsSlot: cdc.SlotName is null, OwnsPublication: cdc.PublicationName is null);
        return new PostgresSource(new PostgresSourceOptions(connection.ConnectionString, [TableOf(cdc)], target));
    }

    /// <summary>
    /// What the source says when it refuses (no primary key, a wrong password) is the statement's error. Plans and loads
    /// let the source's exceptions through, so a task that fails on them pauses the job with GET_REMOTE_DATA_ERROR.
    /// </summary>
    private static async Task<T> Reach<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (PostgresSourceException e)
        {
            throw new DorisException(e.Message);
        }
        catch (NpgsqlException e)
        {
            throw new DorisException($"Cannot read the PostgreSQL source: {e.Message}");
        }
    }
}
