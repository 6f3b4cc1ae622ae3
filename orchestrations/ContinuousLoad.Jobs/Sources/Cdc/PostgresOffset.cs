using System.Globalization;
using System.Text.Json;
using ContinuousLoad.Sources.Postgres;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// A PostgreSQL change job's offset. <paramref name="Lsn"/> is where the slot's changes continue: the end of
/// the last transaction loaded, or the exact point the last snapshot range was read at — what the slot may
/// be confirmed up to. While the job snapshots, <paramref name="Snapshot"/> says where the next range
/// starts; <paramref name="Finished"/> marks the end of an <c>offset = snapshot</c> job.
/// </summary>
public sealed record PostgresOffset(ulong Lsn, SnapshotProgress? Snapshot = null, bool Finished = false) : SourceOffset
{
    public const string Kind = "postgres";

    public Lsn Position => new(Lsn);

    public override bool IsFinished => Finished;

    /// <summary>
    /// <c>{"splitId":"binlog-split","lsn":"..."}</c>, Doris's shape for a PostgreSQL source (the LSN as a number); while
    /// snapshotting, <c>{"splitId":"snapshot-split","lsn":"...","afterKey":[...]}</c>.
    /// </summary>
    public override string ToDoris() => Snapshot is { } snapshot
        ? (snapshot.Table is null
            ? JsonSerializer.Serialize(new { splitId = "snapshot-split", lsn = Text(Lsn), chunksDone = snapshot.ChunksDone, chunks = snapshot.Chunks, afterKey = snapshot.After })
            : JsonSerializer.Serialize(new { splitId = "snapshot-split", lsn = Text(Lsn), table = snapshot.Table, tablesDone = snapshot.TablesDone, tables = snapshot.Tables,
                chunksDone = snapshot.ChunksDone, chunks = snapshot.Chunks, afterKey = snapshot.After }))
        : JsonSerializer.Serialize(new { splitId = Finished ? "snapshot-split" : "binlog-split", lsn = Text(Lsn) });

    /// <summary>Further along: a later LSN, or at the same LSN another step of the snapshot (which only moves forward).</summary>
    public override bool IsAfter(SourceOffset? other) =>
        other is not PostgresOffset previous || Lsn > previous.Lsn || (Lsn == previous.Lsn && (Snapshot != previous.Snapshot || Finished != previous.Finished));

    public override string RangeFrom(SourceOffset? start) =>
        JsonSerializer.Serialize(new
        {
            splitId = Snapshot is null && !Finished ? "binlog-split" : "snapshot-split",
            startLsn = Text((start as PostgresOffset)?.Lsn ?? 0),
            endLsn = Text(Lsn),
        });

    private static string Text(ulong lsn) => lsn.ToString(CultureInfo.InvariantCulture);
}
