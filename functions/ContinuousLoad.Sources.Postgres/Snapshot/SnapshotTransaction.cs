using Npgsql;

namespace ContinuousLoad.Sources.Postgres.Snapshot;

/// <summary>
/// How a connection enters the slot's exported snapshot (PostgreSQL docs "SET TRANSACTION", "Snapshot
/// Synchronization"), and what the server's refusal means: the snapshot is gone once the connection that
/// exported it closes, and is not resumed in a later one (docs/postgres-source.md).
/// </summary>
internal static class SnapshotTransaction
{
    public static string Begin(string snapshotName) =>
        $"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT {KeysetSql.Literal(snapshotName)}";

    // 22023: the snapshot file is gone; 55000 ("could not import the requested snapshot"): the file is still
    // there but its exporting process has ended; 0A000: the snapshot is unusable here.
    public static bool IsExpired(PostgresException e) => e.SqlState is "22023" or "55000" or "0A000";

    public static PostgresSourceException Expired(string snapshotName, PostgresException e) => new(
        PostgresSourceError.SnapshotExpired,
        $"Snapshot '{snapshotName}' is no longer available ({e.MessageText}): the connection that created the slot has closed. Drop the slot and take the snapshot again.",
        e.SqlState,
        e);
}
