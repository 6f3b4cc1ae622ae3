using ContinuousLoad.Jobs.Sources;
using ContinuousLoad.Jobs.Sources.Cdc;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Binlog;

namespace ContinuousLoad.Tests.Jobs.Cdc;

/// <summary>A MySQL change job's offset: how Doris shows it, how it orders, and how it is kept with the data.</summary>
public sealed class MySqlOffsetTests
{
    private const string Gtids = "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,4a22eb58-82db-22f2-af44-d91bb0530673:1-12";

    private static readonly MySqlOffset Streaming = new("binlog.000002", 9350);

    [Fact]
    public void A_streaming_offset_shows_as_doris_shows_a_binlog_position()
    {
        Assert.Equal("""{"splitId":"binlog-split","file":"binlog.000002","pos":"9350"}""", Streaming.ToDoris());
        Assert.False(Streaming.IsFinished);
        Assert.Equal(BinlogStart.At("binlog.000002", 9350), Streaming.Start);
        Assert.Equal(Streaming, MySqlOffset.At(new BinlogPosition("binlog.000002", 9350)));
    }

    [Fact]
    public void A_snapshotting_offset_shows_the_snapshot_split_with_its_position_and_the_key_it_continues_after()
    {
        var offset = Streaming with { Snapshot = new SnapshotProgress(["i:42", "s:a:b"]) { ChunksDone = 3, Chunks = 10 } };
        var first = Streaming with { Snapshot = new SnapshotProgress(null) };

        Assert.Equal("""{"splitId":"snapshot-split","file":"binlog.000002","pos":"9350","chunksDone":3,"chunks":10,"afterKey":["i:42","s:a:b"]}""", offset.ToDoris());
        Assert.Equal("""{"splitId":"snapshot-split","file":"binlog.000002","pos":"9350","chunksDone":0,"chunks":0,"afterKey":null}""", first.ToDoris());
        Assert.False(offset.IsFinished);
    }

    [Fact]
    public void A_finished_offset_shows_the_snapshot_split_at_its_position()
    {
        var offset = Streaming with { Finished = true };

        Assert.Equal("""{"splitId":"snapshot-split","file":"binlog.000002","pos":"9350"}""", offset.ToDoris());
        Assert.True(offset.IsFinished);
    }

    [Fact]
    public void A_start_after_gtids_shows_the_gtids_and_resumes_after_them()
    {
        var offset = new MySqlOffset(null, 0, Gtids);

        Assert.Equal("""{"splitId":"binlog-split","gtids":"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,4a22eb58-82db-22f2-af44-d91bb0530673:1-12"}""", offset.ToDoris());
        Assert.Equal(BinlogStart.AfterGtids(Gtids), offset.Start);
    }

    [Fact]
    public void A_later_file_or_position_is_after_and_an_earlier_one_is_not()
    {
        var laterFile = new MySqlOffset("binlog.000003", 4);
        var laterPosition = new MySqlOffset("binlog.000002", 9351);
        var earlierPosition = new MySqlOffset("binlog.000002", 120);

        Assert.True(laterFile.IsAfter(Streaming));
        Assert.True(laterFile.IsAfter(laterPosition));
        Assert.True(laterPosition.IsAfter(Streaming));
        Assert.False(Streaming.IsAfter(laterFile));
        Assert.False(Streaming.IsAfter(laterPosition));
        Assert.False(earlierPosition.IsAfter(Streaming));

        // A later position is after even when the earlier one was mid-snapshot.
        Assert.True(laterPosition.IsAfter(Streaming with { Snapshot = new SnapshotProgress(["i:42"]) }));
        Assert.False(earlierPosition.IsAfter(Streaming with { Snapshot = new SnapshotProgress(["i:42"]) }));
    }

    [Fact]
    public void At_the_same_position_another_step_of_the_snapshot_is_after()
    {
        var first = Streaming with { Snapshot = new SnapshotProgress(null) };
        var second = Streaming with { Snapshot = new SnapshotProgress(["i:42"]) };
        var finished = Streaming with { Finished = true };

        Assert.True(first.IsAfter(Streaming));
        Assert.True(second.IsAfter(first));
        Assert.True(Streaming.IsAfter(second));
        Assert.True(finished.IsAfter(second));
        Assert.True(finished.IsAfter(Streaming));
    }

    [Fact]
    public void The_same_offset_is_not_after_itself_even_with_other_key_list_instances()
    {
        var offset = Streaming with { Snapshot = new SnapshotProgress(["i:42", "s:x"]) };
        var same = new MySqlOffset("binlog.000002", 9350, Snapshot: new SnapshotProgress(new List<string> { "i:42", "s:x" }));

        Assert.False(Streaming.IsAfter(new MySqlOffset("binlog.000002", 9350)));
        Assert.False(offset.IsAfter(same));
        Assert.False((Streaming with { Finished = true }).IsAfter(Streaming with { Finished = true }));
        Assert.False(new MySqlOffset(null, 0, Gtids).IsAfter(new MySqlOffset(null, 0, Gtids)));
    }

    [Fact]
    public void A_binlog_position_is_after_a_start_after_gtids_and_not_the_other_way()
    {
        var gtids = new MySqlOffset(null, 0, Gtids);

        Assert.True(Streaming.IsAfter(gtids));
        Assert.False(gtids.IsAfter(Streaming));
    }

    [Fact]
    public void Any_offset_is_after_the_beginning()
    {
        Assert.True(Streaming.IsAfter(null));
        Assert.True(new MySqlOffset("binlog.000001", 0).IsAfter(null));
        Assert.True(new MySqlOffset(null, 0, Gtids).IsAfter(null));
        Assert.True((Streaming with { Snapshot = new SnapshotProgress(null) }).IsAfter(null));
        Assert.True((Streaming with { Finished = true }).IsAfter(null));
    }

    [Fact]
    public void A_range_shows_its_start_and_end_positions_and_whether_it_snapshots()
    {
        Assert.Equal("""{"splitId":"binlog-split","startFile":"binlog.000001","startPos":"4","endFile":"binlog.000002","endPos":"9350"}""",
            Streaming.RangeFrom(new MySqlOffset("binlog.000001", 4)));
        Assert.Equal("""{"splitId":"binlog-split","startFile":null,"startPos":"0","endFile":"binlog.000002","endPos":"9350"}""", Streaming.RangeFrom(null));
        Assert.Equal("""{"splitId":"binlog-split","startFile":null,"startPos":"0","endFile":"binlog.000002","endPos":"9350"}""",
            Streaming.RangeFrom(new MySqlOffset(null, 0, Gtids)));
        Assert.Equal("""{"splitId":"snapshot-split","startFile":"binlog.000002","startPos":"9350","endFile":"binlog.000003","endPos":"4"}""",
            new MySqlOffset("binlog.000003", 4, Snapshot: new SnapshotProgress(["i:42"])).RangeFrom(Streaming));
        Assert.Equal("""{"splitId":"snapshot-split","startFile":"binlog.000002","startPos":"9350","endFile":"binlog.000003","endPos":"4"}""",
            new MySqlOffset("binlog.000003", 4, Finished: true).RangeFrom(Streaming));
    }

    [Fact]
    public void Each_kind_of_offset_reads_back_equal_from_a_label_attachment()
    {
        MySqlOffset[] offsets =
        [
            Streaming,
            new(null, 0, Gtids),
            Streaming with { Gtids = Gtids },
            Streaming with { Snapshot = new SnapshotProgress(null) },
            Streaming with { Snapshot = new SnapshotProgress(["i:42", "s:héllo", "t:2024-05-06T07:08:09.1234560"]) },
            Streaming with { Finished = true },
        ];

        foreach (var offset in offsets)
        {
            var attachment = SourceOffset.Write(offset);

            Assert.StartsWith("""{"kind":"mysql",""", attachment, StringComparison.Ordinal);
            var read = Assert.IsType<MySqlOffset>(SourceOffset.Read(attachment));
            Assert.Equal(offset, read);
            Assert.Equal(offset.ToDoris(), read.ToDoris());
            Assert.False(read.IsAfter(offset));
        }
    }

    [Fact]
    public void An_attachment_without_a_typed_offset_reads_as_none()
    {
        Assert.Null(SourceOffset.Read(null));
        Assert.Null(SourceOffset.Read(""));
        Assert.Null(SourceOffset.Read("""{"fileName":"a"}"""));
    }
}
