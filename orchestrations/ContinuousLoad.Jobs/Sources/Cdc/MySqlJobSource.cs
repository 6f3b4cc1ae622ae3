using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Binlog;
using ContinuousLoad.Sources.MySql.Metadata;
using ContinuousLoad.Sources.MySql.Snapshot;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// <c>cdc_stream("type" = "mysql", ...)</c> as a job source. With <c>offset = initial</c> or <c>snapshot</c> the job
/// reads the table in primary-key ranges of <c>snapshot_split_size × snapshot_parallelism</c> rows, one range a
/// task, each in a consistent snapshot joined to the binlog at the exact position it is taken at
/// (<see cref="MySqlChangeRange"/>); then (or at once, with <c>latest</c>, <c>earliest</c> or a position) it loads
/// the binlog's transactions, whole, task by task. Nothing is kept at the server: the position lives in the job.
/// </summary>
public sealed class MySqlJobSource(JobSettings settings) : IJobSource
{
    public string Kind => CdcStreamSource.KindOf(CdcSourceType.MySql);

    /// <returns>
    /// Where the job starts, fixed now: the binlog's end (<c>latest</c>, and where a snapshot's first range joins it),
    /// its oldest position (<c>earliest</c>), or the position given.
    /// </returns>
    public async Task<SourceOffset?> CheckAsync(CompiledJob job, LoadOptions load, CancellationToken cancellationToken)
    {
        var cdc = (CdcStreamSource)job.Source;
        if (cdc.SslRootCert is not null)
        {
            throw new DorisException("ssl_rootcert is not supported for a MySQL source yet: use ssl_mode = require (the server's certificate is then checked against the system's trusted roots)");
        }

        TableInfo table;
        MySqlOffset start;
        try
        {
            await using var session = await MySqlSession.OpenAsync(ConnectionOf(cdc), cancellationToken);
            (await ServerFacts.ReadAsync(session, cancellationToken)).EnsureReadyForChangeCapture();
            table = await TableMetadataReader.ReadTableAsync(session, cdc.Database, cdc.Table, cancellationToken);
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

        SourceTableFit.Check(table.ToString(), table.HasPrimaryKey, table.ColumnNames, load);
        return cdc.Start.Mode is CdcStartMode.Initial or CdcStartMode.Snapshot ? start with { Snapshot = new SnapshotProgress(null) } : start;
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
                return SnapshotRange(cdc, offset with { Snapshot = null }, progress.After);
            case MySqlOffset offset:
                return await MySqlChangeRange.PlanAsync(stream, offset, ChangeTaskLimits.MaxChangesPerTask, cancellationToken);
            default:
                throw new InvalidOperationException($"A MySQL job cannot continue from {position.After?.ToDoris() ?? "the beginning"}: its start is fixed when it is created");
        }
    }

    public async Task<OpenedBatch> OpenAsync(CompiledJob job, JobBatch batch, CancellationToken cancellationToken)
    {
        var cdc = (CdcStreamSource)job.Source;
        var stream = StreamOf(job);
        var zone = job.TimeZoneOr(settings.TimeZone);
        switch (batch)
        {
            case MySqlChangeBatch changes:
                var key = await ReadKeyAsync(cdc, cancellationToken);
                return new OpenedBatch(SourceTableFit.Body(MySqlChangeRange.OpenAsync(stream, changes, cancellationToken), key, zone), batch.End);
            case MySqlSnapshotBatch range:
                var snapshot = await ConsistentSnapshot.BeginAsync(stream.Connection, SnapshotLocking.Auto, cancellationToken);
                try
                {
                    var table = await ReadTableAsync(cdc, cancellationToken);
                    var read = new SnapshotRangeRead();
                    return new OpenedBatch(SourceTableFit.Body(MySqlChangeRange.OpenAsync(stream, range, snapshot, table, read, cancellationToken), table.PrimaryKey, zone),
                        () => range.EndAt(snapshot.Position, read.LastKey, read.TableEnded), snapshot);
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

    /// <summary>Nothing of the job's lives at a MySQL server.</summary>
    public Task DropAsync(CompiledJob job, CancellationToken cancellationToken) => Task.CompletedTask;

    private static MySqlSnapshotBatch SnapshotRange(CdcStreamSource cdc, MySqlOffset start, IReadOnlyList<string>? after) =>
        new(start, after, checked(cdc.SnapshotSplitSize * cdc.SnapshotParallelism), cdc.Start.Mode == CdcStartMode.Snapshot, DateTime.UtcNow);

    private static async Task<TableInfo> ReadTableAsync(CdcStreamSource cdc, CancellationToken cancellationToken)
    {
        await using var session = await MySqlSession.OpenAsync(ConnectionOf(cdc), cancellationToken);
        return await TableMetadataReader.ReadTableAsync(session, cdc.Database, cdc.Table, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ReadKeyAsync(CdcStreamSource cdc, CancellationToken cancellationToken) =>
        (await ReadTableAsync(cdc, cancellationToken)).PrimaryKey;

    private static BinlogStreamOptions StreamOf(CompiledJob job)
    {
        var cdc = (CdcStreamSource)job.Source;
        var table = (cdc.Database, cdc.Table);
        return new BinlogStreamOptions(ConnectionOf(cdc))
        {
            // One job reads at a time, so a fixed id per job never meets itself; a given range starts at its first id.
            ServerId = cdc.ServerIds?.First ?? (uint)(5_400_000 + job.Definition.Id % 1_000_000),
            IncludeTable = (schema, name) => schema == table.Database && name == table.Table,
        };
    }

    private static MySqlConnectionOptions ConnectionOf(CdcStreamSource cdc) => new(cdc.Url.Host, cdc.Url.Port, cdc.User, cdc.Password)
    {
        TlsMode = cdc.SslMode == CdcSslMode.Disable ? MySqlTlsMode.Disabled : MySqlTlsMode.Required,
    };
}
