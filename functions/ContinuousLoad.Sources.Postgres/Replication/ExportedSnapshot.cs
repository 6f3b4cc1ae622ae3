using Npgsql.Replication;

namespace ContinuousLoad.Sources.Postgres.Replication;

/// <summary>
/// A slot just created with an exported snapshot: <see cref="SnapshotName"/> shows the database exactly
/// as of <see cref="ConsistentPoint"/>, where the slot's changes begin. The snapshot lives only while
/// the replication connection that created the slot stays open and idle, so this object holds that
/// connection until disposed — read every snapshot chunk before disposing it.
/// </summary>
public sealed class ExportedSnapshot(LogicalReplicationConnection connection, string slotName, Lsn consistentPoint, string snapshotName) : IAsyncDisposable
{
    public string SlotName { get; } = slotName;

    public Lsn ConsistentPoint { get; } = consistentPoint;

    public string SnapshotName { get; } = snapshotName;

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
