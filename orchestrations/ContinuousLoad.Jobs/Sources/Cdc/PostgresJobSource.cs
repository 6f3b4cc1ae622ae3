using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Ingest.Loading;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Jobs.Sources.Mirror;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Changes;
using ContinuousLoad.Sources.Postgres.Metadata;
using ContinuousLoad.Sources.Postgres.Replication;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;
using Npgsql;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// <c>cdc_stream("type" = "postgres", ...)</c> as a job source. The first plan creates the job's publication
/// and slot (or checks the user's). With <c>offset = initial</c> or <c>snapshot</c> the job then reads the
/// table in primary-key ranges of <c>snapshot_split_size × snapshot_parallelism</c> rows, one range a task,
/// each joined to the change stream at the exact point it is read at (<see cref="PostgresChangeRange"/>); then
/// (or at once, with <c>latest</c>) it loads the slot's transactions, whole, task by task. The slot is
/// confirmed only up to what a committed task recorded. A database-level job (<c>FROM POSTGRES (...) TO DATABASE</c>)
/// reads the tables of its schema it selects the same way, with a publication that names them: it creates their targets
/// at CREATE, snapshots them one after another, and loads each task's changes of all of them at once.
/// </summary>
public sealed class PostgresJobSource(JobSettings settings, ITableStoreSource stores) : IJobSource
{
    public string Kind => CdcStreamSource.KindOf(CdcSourceType.Postgres);

    /// <returns>Null: the job starts where its slot does, made at its first plan.</returns>
    public async Task<SourceOffset?> CheckAsync(CompiledJob job, LoadOptions? load, CancellationToken cancellationToken)
    {
        var tables = await Reach(async () => await (await SourceAsync(job, cancellationToken)).CheckAsync(cancellationToken));
        if (((CdcStreamSource)job.Source).Tables.WholeDatabase)
        {
            await MirrorTables.EnsureAsync(await stores.GetAsync(cancellationToken), job, [.. tables.Select(PostgresTargetTypes.Table)], cancellationToken);
            return null;
        }

        SourceTableFit.Check(tables[0].Name.ToString(), tables[0].PrimaryKey.Count > 0, [.. tables[0].Columns.Select(c => c.Name)], load!);
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
        var source = await SourceAsync(job, cancellationToken);
        switch (position.After)
        {
            case null:
                // The first plan of the job (or a re-plan before its first task committed): the slot starts here.
                await source.PrepareAsync(cancellationToken);
                var slot = (await source.EnsureSlotAsync(cancellationToken)).Value;
                var start = Math.Max(slot, cdc.Start.Lsn?.Value ?? 0);
                var first = cdc.Tables.WholeDatabase ? source.Tables[0].Name : null;
                return cdc.Start.Mode is CdcStartMode.Initial or CdcStartMode.Snapshot
                    ? await SnapshotRangeAsync(source, cdc, start, new SnapshotProgress(null, first), cancellationToken)
                    : (JobBatch?)await PostgresChangeRange.PlanAsync(source, start, ChangeTaskLimits.MaxChangesPerTask, cancellationToken);
            case PostgresOffset { Finished: true }:
                return null;
            case PostgresOffset { Snapshot: { } progress } offset:
                return await SnapshotRangeAsync(source, cdc, offset.Lsn, progress, cancellationToken);
            case PostgresOffset offset when cdc.Tables.WholeDatabase && await NewTableAsync(job, source, cancellationToken) is { } table:
                // A table new since the job started: the publication names it from now on, its target is created, and it is
                // snapshotted as of a point after that, the changes before the point first — then the job streams on.
                await source.PrepareAsync(cancellationToken);
                await MirrorTables.EnsureAsync(await stores.GetAsync(cancellationToken), job, [PostgresTargetTypes.Table(table)], cancellationToken);
                return await SnapshotRangeAsync(source, cdc, offset.Lsn, new SnapshotProgress(null, table.Name.Name), cancellationToken, alone: true);
            case PostgresOffset offset:
                return await PostgresChangeRange.PlanAsync(source, offset.Lsn, ChangeTaskLimits.MaxChangesPerTask, cancellationToken);
            default:
                throw new InvalidOperationException($"A PostgreSQL job cannot continue from {position.After.ToDoris()}");
        }
    }

    public async Task<OpenedBatch> OpenAsync(CompiledJob job, JobBatch batch, SchemaDrift drift, CancellationToken cancellationToken)
    {
        var cdc = (CdcStreamSource)job.Source;
        var source = await SourceAsync(job, cancellationToken);
        var zone = job.TimeZoneOr(settings.TimeZone);
        switch (batch)
        {
            case PostgresChangeBatch changes:
                return new OpenedBatch(await BodiesAsync(source, cdc, PostgresChangeRange.OpenAsync(source, changes, cancellationToken), drift, zone, cancellationToken),
                    batch.End);
            case PostgresSnapshotBatch range:
                var snapshot = await source.OpenRangeSnapshotAsync(cancellationToken);
                try
                {
                    var table = await snapshot.ReadTableAsync(new TableName(cdc.Schema!, range.Table ?? cdc.Tables.Single), cancellationToken);
                    var whole = new List<TableMetadata>(range.Whole.Count);
                    foreach (var name in range.Whole)
                    {
                        whole.Add(await snapshot.ReadTableAsync(new TableName(cdc.Schema!, name), cancellationToken));
                    }

                    var read = new SnapshotRangeRead(cdc.SnapshotSplitSize);
                    return new OpenedBatch(
                        await BodiesAsync(source, cdc, PostgresChangeRange.OpenAsync(source, range, snapshot, table, whole, read, cancellationToken), drift, zone,
                            cancellationToken),
                        () => range.EndAt(snapshot.ConsistentPoint.Value, read), snapshot);
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

    public async Task<IReadOnlyList<MirroredTable>> DescribeTablesAsync(CompiledJob job, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        var source = await SourceAsync(job, cancellationToken);
        var schema = ((CdcStreamSource)job.Source).Schema!;
        var described = new List<MirroredTable>(tables.Count);
        foreach (var table in tables)
        {
            described.Add(PostgresTargetTypes.Table(await source.ReadTableAsync(new TableName(schema, table), cancellationToken)));
        }

        return described;
    }

    public Task DropAsync(CompiledJob job, CancellationToken cancellationToken) => Reach(async () =>
    {
        await (await SourceAsync(job, cancellationToken)).DropOwnedAsync(cancellationToken);
        return true;
    });

    /// <summary>
    /// The next range of the table <paramref name="progress"/> is in; a database-level job's, when it reads the rest of its table
    /// from the first row, also reads whole the small tables after it that fit (<see cref="SnapshotPlanning"/>) and names the table
    /// after those — unless the table is read <paramref name="alone"/> (one new since the job started).
    /// </summary>
    private static async Task<JobBatch?> SnapshotRangeAsync(PostgresSource source, CdcStreamSource cdc, ulong start, SnapshotProgress progress,
        CancellationToken cancellationToken, bool alone = false)
    {
        var name = progress.Table ?? cdc.Tables.Single;
        var table = await source.ReadTableAsync(new TableName(cdc.Schema!, name), cancellationToken);
        var upTo = await source.FindRangeEndAsync(table, progress.After, cdc.SnapshotRangeRows, cancellationToken);
        var names = progress.Table is null || alone ? [name] : source.Tables.Select(t => t.Name).ToList();
        return await SnapshotPlanning.PlaceAsync(new PostgresSnapshotBatch(start, progress.After, upTo, cdc.Start.Mode == CdcStartMode.Snapshot, DateTime.UtcNow),
            cdc, progress, names, mayEndTable: upTo is null, (t, atMost) => source.CountRowsAsync(new TableName(cdc.Schema!, t), atMost, cancellationToken),
            await source.ReadRowEstimatesAsync(cdc.Schema!, cancellationToken));
    }

    /// <summary>A selected source table without a target table: one created at the source since the job started (or a target dropped by hand).</summary>
    private async Task<TableMetadata?> NewTableAsync(CompiledJob job, PostgresSource source, CancellationToken cancellationToken)
    {
        var cdc = (CdcStreamSource)job.Source;
        var targets = (await (await stores.GetAsync(cancellationToken)).ListTablesAsync(job.Definition.Database, cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return source.Tables.FirstOrDefault(t => !targets.Contains(cdc.Tables.TargetOf(t.Name))) is { } table
            ? await source.ReadTableAsync(table, cancellationToken)
            : null;
    }

    /// <summary>
    /// The changes as load bodies: a table-level job's one body into its table; a database-level job's one body per run
    /// of a table's changes, into that table's target. Either way the source's primary keys say which updates move a row.
    /// </summary>
    private static async Task<IAsyncEnumerable<LoadBody>> BodiesAsync(PostgresSource source, CdcStreamSource cdc, IAsyncEnumerable<SourceChange<PgPoint>> changes,
        SchemaDrift drift, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var keys = await source.ReadPrimaryKeysAsync(cdc.Schema!, cancellationToken);
        return cdc.Tables.WholeDatabase
            ? TableRuns<PgPoint>.Bodies(changes, t => cdc.Tables.TargetOf(t.Name), t => keys.GetValueOrDefault(t.Name) ?? [], drift, zone)
            : SourceTableFit.Body(changes, keys.GetValueOrDefault(cdc.Tables.Single) ?? [], zone);
    }

    /// <summary>The source, reading the job's one table, or the tables of its schema it selects now.</summary>
    private static async Task<PostgresSource> SourceAsync(CompiledJob job, CancellationToken cancellationToken)
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
        var tables = cdc.Tables.WholeDatabase
            ? cdc.Tables.Of(await PostgresSource.ListTablesAsync(connection.ConnectionString, cdc.Schema!, cancellationToken))
            : [cdc.Tables.Single];
        if (tables.Count == 0)
        {
            throw new PostgresSourceException(PostgresSourceError.TableMissing,
                $"No table of schema {cdc.Schema} in database {cdc.Database} is selected by the job's include_tables and exclude_tables");
        }

        return new PostgresSource(new PostgresSourceOptions(connection.ConnectionString, [.. tables.Select(t => new TableName(cdc.Schema!, t))], target));
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
