using System.Text.Json;
using ContinuousLoad.Jobs.Sources;
using ContinuousLoad.Jobs.Sources.Cdc;

namespace ContinuousLoad.Tests.Jobs.Cdc;

/// <summary>A PostgreSQL change job's offset: how Doris shows it, how it orders, and how it is kept with the data.</summary>
public sealed class PostgresOffsetTests
{
    private static readonly PostgresOffset Streaming = new(123);

    [Fact]
    public void The_offset_shows_as_doris_shows_a_postgres_position_and_orders_by_lsn()
    {
        var offset = new PostgresOffset(0x16_B374D848);

        Assert.Equal("""{"splitId":"binlog-split","lsn":"97500059720"}""", offset.ToDoris());
        Assert.Equal("""{"splitId":"binlog-split","startLsn":"0","endLsn":"97500059720"}""", offset.RangeFrom(null));
        Assert.Equal("""{"splitId":"binlog-split","startLsn":"5","endLsn":"97500059720"}""", offset.RangeFrom(new PostgresOffset(5)));
        Assert.True(offset.IsAfter(null));
        Assert.True(offset.IsAfter(new PostgresOffset(5)));
        Assert.False(new PostgresOffset(5).IsAfter(offset));
        Assert.Equal("16/B374D848", offset.Position.ToString());
    }

    [Fact]
    public void Offsets_and_batches_keep_their_kind_in_orchestration_state()
    {
        var batch = new PostgresChangeBatch(5, 9, 3, 2, new DateTime(2024, 5, 6, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 5, 6, 0, 0, 1, DateTimeKind.Utc));

        var offset = JsonSerializer.Deserialize<SourceOffset>(JsonSerializer.Serialize<SourceOffset>(batch.End));
        var again = JsonSerializer.Deserialize<JobBatch>(JsonSerializer.Serialize<JobBatch>(batch));

        Assert.Equal(new PostgresOffset(9), offset);
        Assert.Equal(batch, again);
        Assert.Contains("\"kind\":\"postgres\"", JsonSerializer.Serialize<JobBatch>(batch), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_state_shows_as_doris_shows_it()
    {
        Assert.Equal("""{"splitId":"binlog-split","lsn":"123"}""", Streaming.ToDoris());
        Assert.Equal("""{"splitId":"snapshot-split","lsn":"123","chunksDone":0,"chunks":0,"afterKey":["42","a,b"]}""",
            (Streaming with { Snapshot = new SnapshotProgress(["42", "a,b"]) }).ToDoris());
        Assert.Equal("""{"splitId":"snapshot-split","lsn":"123","chunksDone":0,"chunks":0,"afterKey":null}""", (Streaming with { Snapshot = new SnapshotProgress(null) }).ToDoris());
        Assert.Equal("""{"splitId":"snapshot-split","lsn":"123"}""", (Streaming with { Finished = true }).ToDoris());
        Assert.Equal("""{"splitId":"binlog-split","lsn":"18446744073709551615"}""", new PostgresOffset(ulong.MaxValue).ToDoris());
    }

    [Fact]
    public void Only_a_finished_offset_ends_the_job()
    {
        Assert.False(Streaming.IsFinished);
        Assert.False((Streaming with { Snapshot = new SnapshotProgress(["42"]) }).IsFinished);
        Assert.True((Streaming with { Finished = true }).IsFinished);
    }

    [Fact]
    public void A_snapshot_range_shows_as_the_snapshot_split()
    {
        Assert.Equal("""{"splitId":"snapshot-split","startLsn":"5","endLsn":"123"}""",
            (Streaming with { Snapshot = new SnapshotProgress(["42"]) }).RangeFrom(new PostgresOffset(5)));
        Assert.Equal("""{"splitId":"snapshot-split","startLsn":"0","endLsn":"123"}""", (Streaming with { Finished = true }).RangeFrom(null));
    }

    [Fact]
    public void At_the_same_lsn_another_step_of_the_snapshot_is_after_and_the_same_step_is_not()
    {
        var first = Streaming with { Snapshot = new SnapshotProgress(null) };
        var second = Streaming with { Snapshot = new SnapshotProgress(["42", "x"]) };
        var finished = Streaming with { Finished = true };

        Assert.True(first.IsAfter(Streaming));
        Assert.True(second.IsAfter(first));
        Assert.True(finished.IsAfter(second));
        Assert.True(Streaming.IsAfter(finished));
        Assert.False(Streaming.IsAfter(new PostgresOffset(123)));
        Assert.False(second.IsAfter(new PostgresOffset(123, new SnapshotProgress(new List<string> { "42", "x" }))));
        Assert.False(finished.IsAfter(new PostgresOffset(123, Finished: true)));
    }

    [Fact]
    public void An_earlier_lsn_is_not_after_whatever_its_snapshot_step()
    {
        var earlier = new PostgresOffset(122, new SnapshotProgress(["99"]));

        Assert.False(earlier.IsAfter(Streaming));
        Assert.False((earlier with { Finished = true, Snapshot = null }).IsAfter(Streaming));
        Assert.True(Streaming.IsAfter(earlier));
        Assert.True(earlier.IsAfter(null));
    }

    [Fact]
    public void Each_kind_of_offset_reads_back_equal_from_a_label_attachment()
    {
        PostgresOffset[] offsets =
        [
            Streaming,
            new(0),
            new(ulong.MaxValue),
            Streaming with { Snapshot = new SnapshotProgress(null) },
            Streaming with { Snapshot = new SnapshotProgress(["42", "héllo", "2024-05-06 07:08:09+00"]) },
            Streaming with { Finished = true },
        ];

        foreach (var offset in offsets)
        {
            var attachment = SourceOffset.Write(offset);

            Assert.StartsWith("""{"kind":"postgres",""", attachment, StringComparison.Ordinal);
            var read = Assert.IsType<PostgresOffset>(SourceOffset.Read(attachment));
            Assert.Equal(offset, read);
            Assert.Equal(offset.ToDoris(), read.ToDoris());
            Assert.False(read.IsAfter(offset));
        }
    }
}
