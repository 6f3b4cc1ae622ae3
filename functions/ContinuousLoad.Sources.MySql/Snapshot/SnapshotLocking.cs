namespace ContinuousLoad.Sources.MySql.Snapshot;

/// <summary>How a snapshot learns the binlog position its transaction sees.</summary>
public enum SnapshotLocking
{
    /// <summary>MariaDB: <see cref="SnapshotStatus"/>; MySQL: <see cref="GlobalReadLock"/>.</summary>
    Auto,

    /// <summary>
    /// MariaDB only: START TRANSACTION WITH CONSISTENT SNAPSHOT, then SHOW STATUS LIKE 'binlog_snapshot_%'
    /// gives the binlog position of exactly that snapshot — no lock, no extra privilege.
    /// </summary>
    SnapshotStatus,

    /// <summary>
    /// Any server: FLUSH TABLES WITH READ LOCK (needs RELOAD), START TRANSACTION WITH CONSISTENT SNAPSHOT,
    /// SHOW MASTER STATUS (REPLICATION CLIENT; SHOW BINARY LOG STATUS on MySQL 8.4+), UNLOCK TABLES.
    /// Writes wait only for the moment between lock and unlock. What MySQL needs.
    /// </summary>
    GlobalReadLock,
}
