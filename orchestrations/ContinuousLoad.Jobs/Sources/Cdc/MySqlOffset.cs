using System.Globalization;
using System.Text.Json;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Binlog;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// A MySQL change job's offset: the binlog position where its changes continue — the end of the last
/// transaction loaded, or the exact position the last snapshot range was read at — or, before the first
/// task, a GTID state to start after (<paramref name="Gtids"/>, with no file). While the job snapshots,
/// <paramref name="Snapshot"/> says where the next range starts; <paramref name="Finished"/> marks the end of an
/// <c>offset = snapshot</c> job.
/// </summary>
public sealed record MySqlOffset(string? File, long Pos, string? Gtids = null, SnapshotProgress? Snapshot = null, bool Finished = false) : SourceOffset
{
    public const string Kind = "mysql";

    public static MySqlOffset At(BinlogPosition position) => new(position.FileName, position.Position);

    /// <summary>Where a binlog read resumes.</summary>
    public BinlogStart Start => File is null ? BinlogStart.AfterGtids(Gtids ?? "") : BinlogStart.At(File, Pos);

    public override bool IsFinished => Finished;

    /// <summary><c>{"splitId":"binlog-split","file":"binlog.000002","pos":"9350"}</c>, Doris's shape; while snapshotting, <c>"splitId":"snapshot-split"</c> with the key it continues after.</summary>
    public override string ToDoris() => Snapshot is { } snapshot
        ? (snapshot.Table is null
            ? JsonSerializer.Serialize(new { splitId = "snapshot-split", file = File, pos = Text(Pos), chunksDone = snapshot.ChunksDone, chunks = snapshot.Chunks, afterKey = snapshot.After })
            : JsonSerializer.Serialize(new { splitId = "snapshot-split", file = File, pos = Text(Pos), table = snapshot.Table, tablesDone = snapshot.TablesDone, tables = snapshot.Tables,
                chunksDone = snapshot.ChunksDone, chunks = snapshot.Chunks, afterKey = snapshot.After }))
        : File is null
            ? JsonSerializer.Serialize(new { splitId = "binlog-split", gtids = Gtids })
            : JsonSerializer.Serialize(new { splitId = Finished ? "snapshot-split" : "binlog-split", file = File, pos = Text(Pos) });

    /// <summary>Further along: a later position, or at the same one another step of the snapshot (which only moves forward).</summary>
    public override bool IsAfter(SourceOffset? other) => other is not MySqlOffset previous || Compare(previous) > 0
        || (Compare(previous) == 0 && (Snapshot != previous.Snapshot || Finished != previous.Finished));

    public override string RangeFrom(SourceOffset? start) =>
        JsonSerializer.Serialize(new
        {
            splitId = Snapshot is null && !Finished ? "binlog-split" : "snapshot-split",
            startFile = (start as MySqlOffset)?.File,
            startPos = Text((start as MySqlOffset)?.Pos ?? 0),
            endFile = File,
            endPos = Text(Pos),
        });

    private int Compare(MySqlOffset other) =>
        File is null || other.File is null ? (File is null ? 0 : 1) - (other.File is null ? 0 : 1) : new BinlogPosition(File, Pos).CompareTo(new BinlogPosition(other.File, other.Pos));

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
