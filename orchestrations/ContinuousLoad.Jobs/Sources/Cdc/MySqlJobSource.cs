using ContinuousLoad.Ingest.Loading;
using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Jobs.Sources.Mirror;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Binlog;
using ContinuousLoad.Sources.MySql.Metadata;
using ContinuousLoad.Sources.MySql.Snapshot;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// <c>cdc_stream("type" = "mysql", ...)</c> as a job source. With <c>offset = initial</c> or <c>snapshot</c> the job
/// reads the table in primary-key ranges of <c>snapshot_split_size × snapshot_parallelism</c> rows, one range a
/// task, each in a consistent snapshot joined to the binlog at the exact position it is taken at
/// (<see cref="MySqlChangeRange"/>); then (or at once, with <c>latest</c>, <c>earliest</c> or a position) it loads
/// the binlog's transactions, whole, task by task. Nothing is kept at the server: the position lives in the job.
/// A database-level job (<c>FROM MYSQL (...) TO DATABASE</c>) reads the tables it selects the same way: it creates
/// their targets at CREATE, snapshots them one after another, and loads each task's changes of all of them at once.
/// </summary>
public sealed class MySqlJobSource(JobSettings settings, ITableStoreSource stores) : IJobSource
{
    public string Kind => CdcStreamSource.KindOf(CdcSourceType.MySql);

    /// <returns>
    /// Where the job starts, fixed now: the binlog's end (<c>latest</c>, and where a snapshot's first range joins it),
    /// its oldest position (<c>earliest</c>), or the position given.
    /// </returns>
    public async Task<SourceOffset?> CheckAsync(CompiledJob job, LoadOptions? load, CancellationToken cancellationToken)
    {
        var cdc = (CdcStreamSource)job.Source;
        if (cdc.SslRootCert is not null)
        {
            throw new DorisException("ssl_rootcert is not supported for a MySQL source yet: use ssl_mode = require (the server's certificate is then checked against the system's trusted roots)");
        }

        List<TableInfo> tables = [];
        MySqlOffset start;
        try
        {
            await using var session = await MySqlSession.OpenAsync(ConnectionOf(cdc), cancellationToken);
            (await ServerFacts.ReadAsync(session, cancellationToken)).EnsureReadyForChangeCapture();
            foreach (var name in cdc.Tables.WholeDatabase ? await SelectedTablesAsync(session, cdc, cancellationToken) : [cdc.Tables.Single])
            {
                tables.Add(await TableMetadataReader.ReadTableAsync(session, cdc.Database, name, cancellationToken));
            }

            start = cdc.Start.Binlog is { } given
                ? given.Position is { } position ? MySqlOffset.At(position) : new MySqlOffset(null, 0, given.GtidState)
                : MySqlOffset.At(cdc.Start.Mode == CdcStartMode.Earliest
                    ? await BinaryLogStatus.EarliestAsync(session, cancellationToken)
                    : (await BinaryLogStatus.CurrentAsync(session, cancellationToken)).Position);
        }
        catch (Exception e) when (e is MySqlSourceException or MySqlServerException or MySqlConnectionException)
        {
            throw new DorisException($"Cannot read the MySQL source: {e.Message}");
        }

        if (cdc.Tables.WholeDatabase)
        {
            await MirrorTables.EnsureAsync(await stores.GetAsync(cancellationToken), job, [.. tables.Select(MySqlTargetTypes.Table)], cancellationToken);
        }
        else
        {
            SourceTableFit.Check(tables[0].ToString(), tables[0].HasPrimaryKey, tables[0].ColumnNames, load!);
        }

        var first = cdc.Tables.WholeDatabase ? tables[0].Name : null;
        return cdc.Start.Mode is CdcStartMode.Initial or CdcStartMode.Snapshot ? start with { Snapshot = new SnapshotProgress(null, first) } : start;
    }

    public async Task<JobBatch?> PlanAsync(CompiledJob job, JobPosition position, CancellationToken cancellationToken)
    {
        try
        {
            return await PlanFromAsync(job, position, cancellationToken);
        }
        catch (BinlogPositionPurgedException e)
        {
            throw new BinlogPositionPurgedException($"{e.Message} For this job: DROP JOB and create it again with \"offset\" = \"initial\" to take a new snapshot.", e);
        }
    }

    private async Task<JobBatch?> PlanFromAsync(CompiledJob job, JobPosition position, CancellationToken cancellationToken)
    {
        var cdc = (CdcStreamSource)job.Source;
        var stream = StreamOf(job);
        // The start was fixed at CREATE (CheckAsync), so a MySQL job always has an offset.
        switch (position.After)
        {
            case MySqlOffset { Finished: true }:
                return null;
            case MySqlOffset { Snapshot: { } progress } offset:
                return await SnapshotRangeAsync(cdc, offset with { Snapshot = null }, progress, cancellationToken);
            case MySqlOffset offset:
                return await MySqlChangeRange.PlanAsync(stream, offset, ChangeTaskLimits.MaxChangesPerTask, cancellationToken);
            default:
                throw new InvalidOperationException($"A MySQL job cannot continue from {position.After?.ToDoris() ?? "the beginning"}: its start is fixed when it is created");
        }
    }

    public async Task<OpenedBatch> OpenAsync(CompiledJob job, JobBatch batch, SchemaDrift drift, CancellationToken cancellationToken)
    {
        var cdc = (CdcStreamSource)job.Source;
        var stream = StreamOf(job);
        var zone = job.TimeZoneOr(settings.TimeZone);
        switch (batch)
        {
            case MySqlChangeBatch changes:
                return new OpenedBatch(await BodiesAsync(cdc, MySqlChangeRange.OpenAsync(stream, changes, cancellationToken), drift, zone, cancellationToken), batch.End);
            case MySqlSnapshotBatch range:
                var snapshot = await ConsistentSnapshot.BeginAsync(stream.Connection, SnapshotLocking.Auto, cancellationToken);
                try
                {
                    var tables = await ReadTablesAsync(cdc, [range.Table ?? cdc.Tables.Single, .. range.Whole], cancellationToken);
                    var read = new SnapshotRangeRead(cdc.SnapshotSplitSize);
                    return new OpenedBatch(
                        await BodiesAsync(cdc, MySqlChangeRange.OpenAsync(stream, range, snapshot, tables[0], tables[1..], read, cancellationToken), drift, zone,
                            cancellationToken),
                        () => range.EndAt(snapshot.Position, read), snapshot);
                }
                catch
                {
                    await snapshot.DisposeAsync();
                    throw;
                }

            default:
                throw new InvalidOperationException($"A MySQL job cannot load a {batch.GetType().Name}");
        }
    }

    public async Task<IReadOnlyList<MirroredTable>> DescribeTablesAsync(CompiledJob job, IReadOnlyList<string> tables, CancellationToken cancellationToken) =>
        [.. (await ReadTablesAsync((CdcStreamSource)job.Source, tables, cancellationToken)).Select(MySqlTargetTypes.Table)];

    /// <summary>Nothing of the job's lives at a MySQL server.</summary>
    public Task DropAsync(CompiledJob job, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The next range of the table <paramref name="progress"/> is in; a database-level job's, when it starts at the table's first
    /// row, also reads whole the small tables after it that fit (<see cref="SnapshotPlanning"/>), and names the table after those.
    /// </summary>
    private static async Task<MySqlSnapshotBatch> SnapshotRangeAsync(CdcStreamSource cdc, MySqlOffset start, SnapshotProgress progress, CancellationToken cancellationToken)
    {
        await using var session = await MySqlSession.OpenAsync(ConnectionOf(cdc), cancellationToken);
        var tables = progress.Table is null ? [cdc.Tables.Single] : await SelectedTablesAsync(session, cdc, cancellationToken);
        return await SnapshotPlanning.PlaceAsync(new MySqlSnapshotBatch(start, progress.After, cdc.SnapshotRangeRows, cdc.Start.Mode == CdcStartMode.Snapshot, DateTime.UtcNow),
            cdc, progress, tables, mayEndTable: true, (t, atMost) => TableMetadataReader.CountRowsAsync(session, cdc.Database, t, atMost, cancellationToken),
            await TableMetadataReader.ReadRowEstimatesAsync(session, cdc.Database, cancellationToken));
    }

    /// <summary>
    /// The changes as load bodies: a table-level job's one body into its table; a database-level job's one body per run
    /// of a table's changes, into that table's target. Either way the source's primary keys say which updates move a row.
    /// </summary>
    private static async Task<IAsyncEnumerable<LoadBody>> BodiesAsync(CdcStreamSource cdc, IAsyncEnumerable<SourceChange<BinlogPoint>> changes, SchemaDrift drift,
        TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        await using var session = await MySqlSession.OpenAsync(ConnectionOf(cdc), cancellationToken);
        if (!cdc.Tables.WholeDatabase)
        {
            var table = await TableMetadataReader.ReadTableAsync(session, cdc.Database, cdc.Tables.Single, cancellationToken);
            return SourceTableFit.Body(changes, table.PrimaryKey, zone);
        }

        var keys = await TableMetadataReader.ReadPrimaryKeysAsync(session, cdc.Database, cancellationToken);
        return TableRuns<BinlogPoint>.Bodies(changes, t => cdc.Tables.TargetOf(t.Name), t => keys.GetValueOrDefault(t.Name) ?? [], drift, zone);
    }

    private static async Task<IReadOnlyList<string>> SelectedTablesAsync(MySqlSession session, CdcStreamSource cdc, CancellationToken cancellationToken)
    {
        var selected = cdc.Tables.Of(await TableMetadataReader.ListTablesAsync(session, cdc.Database, cancellationToken));
        return selected.Count > 0
            ? selected
            : throw new MySqlSourceException($"No table of database {cdc.Database} is selected by the job's include_tables and exclude_tables");
    }

    private static async Task<List<TableInfo>> ReadTablesAsync(CdcStreamSource cdc, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        await using var session = await MySqlSession.OpenAsync(ConnectionOf(cdc), cancellationToken);
        var tables = new List<TableInfo>(names.Count);
        foreach (var name in names)
        {
            tables.Add(await TableMetadataReader.ReadTableAsync(session, cdc.Database, name, cancellationToken));
        }

        return tables;
    }

    private static BinlogStreamOptions StreamOf(CompiledJob job)
    {
        var cdc = (CdcStreamSource)job.Source;
        return new BinlogStreamOptions(ConnectionOf(cdc))
        {
            // One job reads at a time, so a fixed id per job never meets itself; a given range starts at its first id.
            ServerId = cdc.ServerIds?.First ?? (uint)(5_400_000 + job.Definition.Id % 1_000_000),
            IncludeTable = (schema, name) => schema == cdc.Database && cdc.Tables.Includes(name),
        };
    }

    private static MySqlConnectionOptions ConnectionOf(CdcStreamSource cdc) => new(cdc.Url.Host, cdc.Url.Port, cdc.User, cdc.Password)
    {
        TlsMode = cdc.SslMode == CdcSslMode.Disable ? MySqlTlsMode.Disabled : MySqlTlsMode.Required,
    };
}
