using System.Globalization;
using ContinuousLoad.Sources.MySql.Binlog;
using ContinuousLoad.Sources.MySql.Metadata;
using ContinuousLoad.Sources.MySql.Text;

namespace ContinuousLoad.Sources.MySql.Snapshot;

/// <summary>
/// A REPEATABLE READ transaction started WITH CONSISTENT SNAPSHOT on its own session, and the binlog
/// position it corresponds to: every transaction committed before <see cref="Position"/> is visible in
/// the snapshot, none after it. Reading the tables here and then the binlog from <see cref="Position"/>
/// (or <see cref="GtidPosition"/>) reproduces the source exactly. The snapshot owns its session and ends
/// the transaction when disposed.
/// </summary>
public sealed class ConsistentSnapshot : IAsyncDisposable
{
    private readonly MySqlSession _session;
    private readonly bool _ownsSession;

    private ConsistentSnapshot(MySqlSession session, bool ownsSession, BinlogPosition position, string? gtidPosition)
    {
        _session = session;
        _ownsSession = ownsSession;
        Position = position;
        GtidPosition = gtidPosition;
    }

    public BinlogPosition Position { get; }

    /// <summary>
    /// The GTID state at <see cref="Position"/>: MySQL's gtid_executed, or MariaDB's gtid_binlog_pos, read
    /// under the global read lock; with MariaDB's lock-free snapshot, BINLOG_GTID_POS(file, position).
    /// Null when the server has none — and when MariaDB cannot tell, which happens when the binlog holds
    /// an event larger than max_allowed_packet (BINLOG_GTID_POS then answers NULL): resume from
    /// <see cref="Position"/> then, which is always exact.
    /// </summary>
    public string? GtidPosition { get; }

    internal MySqlSession Session => _session;

    /// <summary>Opens a session for the snapshot and starts it.</summary>
    public static async Task<ConsistentSnapshot> BeginAsync(MySqlConnectionOptions options, SnapshotLocking locking, CancellationToken cancellationToken)
    {
        var session = await MySqlSession.OpenAsync(options, cancellationToken);
        try
        {
            return await BeginAsync(session, locking, ownsSession: true, cancellationToken);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the snapshot on an open, idle session (which stays the caller's).</summary>
    public static Task<ConsistentSnapshot> BeginAsync(MySqlSession session, SnapshotLocking locking, CancellationToken cancellationToken) =>
        BeginAsync(session, locking, ownsSession: false, cancellationToken);

    private static async Task<ConsistentSnapshot> BeginAsync(MySqlSession session, SnapshotLocking locking, bool ownsSession, CancellationToken cancellationToken)
    {
        if (locking == SnapshotLocking.Auto)
        {
            locking = session.Flavor == MySqlServerFlavor.MariaDb ? SnapshotLocking.SnapshotStatus : SnapshotLocking.GlobalReadLock;
        }

        if (locking == SnapshotLocking.SnapshotStatus && session.Flavor != MySqlServerFlavor.MariaDb)
        {
            throw new MySqlSourceException("SnapshotLocking.SnapshotStatus needs MariaDB (binlog_snapshot_file/position); MySQL uses GlobalReadLock.");
        }

        await session.ExecuteAsync("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ", cancellationToken);
        var (position, gtid) = locking == SnapshotLocking.SnapshotStatus
            ? await StartWithSnapshotStatusAsync(session, cancellationToken)
            : await StartUnderGlobalReadLockAsync(session, cancellationToken);
        return new ConsistentSnapshot(session, ownsSession, position, gtid);
    }

    /// <summary>Opens a reader for at most <paramref name="chunkSize"/> rows of <paramref name="table"/> in <paramref name="range"/>, in key order.</summary>
    public async Task<SnapshotChunkReader> ReadChunkAsync(TableInfo table, KeyRange range, int chunkSize, CancellationToken cancellationToken)
    {
        var key = ChunkQuery.KeyColumns(table);
        var sql = ChunkQuery.Build(table, range, chunkSize);
        try
        {
            var result = await _session.QueryAsync(sql, cancellationToken);
            return new SnapshotChunkReader(result, table, key, range, chunkSize);
        }
        catch (MySqlServerException e) when (Privileges.IsDenied(e))
        {
            throw Privileges.Explain(e, $"read table {table}", _session.Options.User);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.ExecuteAsync("COMMIT", CancellationToken.None);
        }
        finally
        {
            if (_ownsSession)
            {
                await _session.DisposeAsync();
            }
        }
    }

    private static async Task<(BinlogPosition, string?)> StartWithSnapshotStatusAsync(MySqlSession session, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync("START TRANSACTION WITH CONSISTENT SNAPSHOT", cancellationToken);
        var status = (await session.QueryRowsAsync("SHOW STATUS LIKE 'binlog_snapshot_%'", cancellationToken))
            .ToDictionary(row => (string)row[0]!, row => (string?)row[1], StringComparer.OrdinalIgnoreCase);
        if (!status.TryGetValue("binlog_snapshot_file", out var file) || string.IsNullOrEmpty(file) ||
            !status.TryGetValue("binlog_snapshot_position", out var offset) || offset is null)
        {
            throw new MySqlSourceException("The server reports no binlog_snapshot_file/position: the binary log is off. Start the server with --log-bin.");
        }

        var position = new BinlogPosition(file, long.Parse(offset, CultureInfo.InvariantCulture));
        var gtid = (await session.QueryRowsAsync(
            $"SELECT BINLOG_GTID_POS({SqlText.StringLiteral(file)}, {position.Position})", cancellationToken)).Single()[0] as string;
        return (position, gtid);
    }

    private static async Task<(BinlogPosition, string?)> StartUnderGlobalReadLockAsync(MySqlSession session, CancellationToken cancellationToken)
    {
        try
        {
            await session.ExecuteAsync("FLUSH TABLES WITH READ LOCK", cancellationToken);
        }
        catch (MySqlServerException e) when (Privileges.IsDenied(e))
        {
            throw Privileges.Explain(e, "take the global read lock for a consistent snapshot (RELOAD)", session.Options.User);
        }

        try
        {
            await session.ExecuteAsync("START TRANSACTION WITH CONSISTENT SNAPSHOT", cancellationToken);
            var (position, row) = await BinaryLogStatus.CurrentAsync(session, cancellationToken);
            // Nothing commits under the lock, so the server's current GTID state is the state at the position.
            var gtid = session.Flavor == MySqlServerFlavor.MySql
                ? row.Length > 4 ? row[4] as string : null
                : (await session.QueryRowsAsync("SELECT @@gtid_binlog_pos", cancellationToken)).Single()[0] as string;
            return (position, gtid);
        }
        finally
        {
            await session.ExecuteAsync("UNLOCK TABLES", CancellationToken.None);
        }
    }
}
