using System.Text.Json;
using ContinuousLoad.Jobs.Sources;
using ContinuousLoad.Jobs.Sources.Cdc;
using ContinuousLoad.Sources.MySql;

namespace ContinuousLoad.Tests.Jobs.Cdc;

/// <summary>Snapshot tasks end at the offset their range reached, and every CDC batch keeps its kind in orchestration state.</summary>
public sealed class SnapshotBatchTests
{
    private static readonly DateTime Planned = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1_234_567);

    private static readonly MySqlOffset MySqlStart = new("binlog.000002", 9350, Snapshot: new SnapshotProgress(["i:10"]));

    private static readonly BinlogPosition ReadAt = new("binlog.000003", 4711);

    [Fact]
    public void A_mysql_range_that_is_not_the_last_continues_after_the_last_key_it_read_at_the_position_it_read_at()
    {
        foreach (var finishAfter in new[] { false, true })
        {
            var batch = new MySqlSnapshotBatch(MySqlStart, ["i:10"], 1000, finishAfter, Planned);

            var end = batch.EndAt(ReadAt, Read(["i:1010"], false));

            Assert.Equal(new MySqlOffset("binlog.000003", 4711, Snapshot: new SnapshotProgress(["i:1010"])), end);
            Assert.False(end.IsFinished);
            Assert.True(end.IsAfter(MySqlStart));
        }
    }

    [Fact]
    public void A_database_level_range_goes_on_in_its_table_then_to_the_next_and_counts_the_tables_read()
    {
        var batch = new MySqlSnapshotBatch(new MySqlOffset("binlog.000002", 9350), null, 1000, false, Planned)
        {
            Table = "orders", NextTable = "refunds", TablesDone = 1, TableCount = 3,
        };

        var further = batch.EndAt(ReadAt, Read(["i:1000"], false));
        var next = batch.EndAt(ReadAt, Read(["i:1500"], true));
        var last = (batch with { NextTable = null, TablesDone = 2 }).EndAt(ReadAt, Read(["i:1500"], true));
        var postgres = new PostgresSnapshotBatch(100, null, null, false, Planned) { Table = "orders", NextTable = "refunds", TablesDone = 1, TableCount = 3 }.EndAt(200, new SnapshotRangeRead(1000));

        Assert.Equal(new SnapshotProgress(["i:1000"], "orders"), further.Snapshot);
        Assert.Equal(new SnapshotProgress(null, "refunds"), next.Snapshot);
        Assert.Equal((1, 3, 2, 3), (further.Snapshot!.TablesDone, further.Snapshot.Tables, next.Snapshot!.TablesDone, next.Snapshot.Tables));
        Assert.Equal("""{"splitId":"snapshot-split","file":"binlog.000003","pos":"4711","table":"refunds","tablesDone":2,"tables":3,"chunksDone":0,"chunks":0,"afterKey":null}""", next.ToDoris());
        Assert.Equal(new MySqlOffset("binlog.000003", 4711), last);
        Assert.Equal(new PostgresOffset(200, new SnapshotProgress(null, "refunds")), postgres);
    }

    [Fact]
    public void A_range_that_read_its_table_and_the_whole_tables_after_it_goes_on_after_them_and_counts_their_chunks()
    {
        var batch = new MySqlSnapshotBatch(new MySqlOffset("binlog.000002", 9350), null, 1000, false, Planned)
        {
            Table = "a", Whole = ["b", "c"], NextTable = "d", TablesDone = 0, TableCount = 5, ChunksDone = 4, Chunks = 6,
        };
        var read = Read(["i:7"], true);
        read.Counted(700);
        read.Counted(0);
        read.Counted(2500);
        read.WholeRead = true;
        var cut = Read(["i:7"], true);
        cut.Counted(700);

        var past = batch.EndAt(ReadAt, read);
        var stopped = batch.EndAt(ReadAt, cut);
        var postgres = new PostgresSnapshotBatch(100, null, null, false, Planned) { Table = "a", Whole = ["b", "c"], TableCount = 3 }
            .EndAt(200, new SnapshotRangeRead(1000) { WholeRead = true });

        Assert.Equal(new SnapshotProgress(null, "d"), past.Snapshot);
        Assert.Equal((3, 5, 9, 9), (past.Snapshot!.TablesDone, past.Snapshot.Tables, past.Snapshot.ChunksDone, past.Snapshot.Chunks));
        Assert.Equal(new SnapshotProgress(null, "b"), stopped.Snapshot);
        Assert.Equal((1, 5), (stopped.Snapshot!.TablesDone, stopped.Snapshot.ChunksDone));
        Assert.Equal(new PostgresOffset(200), postgres);
    }

    [Fact]
    public async Task Small_tables_after_a_range_are_read_whole_while_the_rows_left_hold_them()
    {
        var rows = new Dictionary<string, long> { ["a"] = 400, ["b"] = 300, ["c"] = 0, ["d"] = 300, ["e"] = 1 };
        Task<long> Count(string table, long atMost) => Task.FromResult(Math.Min(rows[table], atMost));

        Assert.Equal(["b", "c", "d"], await SnapshotPlanning.WholeTablesAsync("a", ["b", "c", "d", "e"], 1000, Count));
        Assert.Empty(await SnapshotPlanning.WholeTablesAsync("a", ["b"], 399, Count));
        Assert.Equal((1, 1, 1, 2), (SnapshotPlanning.ChunksOf(0, 1000), SnapshotPlanning.ChunksOf(1, 1000), SnapshotPlanning.ChunksOf(1000, 1000),
            SnapshotPlanning.ChunksOf(1001, 1000)));
    }

    private static SnapshotRangeRead Read(IReadOnlyList<string>? lastKey, bool ended) => new(1000) { LastKey = lastKey, TableEnded = ended };

    [Fact]
    public void A_mysql_range_that_read_no_key_continues_after_the_key_it_started_after()
    {
        var batch = new MySqlSnapshotBatch(MySqlStart, ["i:10"], 1000, false, Planned);
        var first = new MySqlSnapshotBatch(new MySqlOffset("binlog.000002", 9350), null, 1000, false, Planned);

        Assert.Equal(new MySqlOffset("binlog.000003", 4711, Snapshot: new SnapshotProgress(["i:10"])), batch.EndAt(ReadAt, Read(null, false)));
        Assert.Equal(new MySqlOffset("binlog.000003", 4711, Snapshot: new SnapshotProgress(null)), first.EndAt(ReadAt, Read(null, false)));
    }

    [Fact]
    public void The_last_mysql_range_finishes_a_snapshot_only_job_and_otherwise_streams_on_from_its_position()
    {
        var only = new MySqlSnapshotBatch(MySqlStart, ["i:10"], 1000, FinishAfter: true, Planned).EndAt(ReadAt, Read(["i:20"], true));
        var streaming = new MySqlSnapshotBatch(MySqlStart, ["i:10"], 1000, FinishAfter: false, Planned).EndAt(ReadAt, Read(["i:20"], true));

        Assert.Equal(new MySqlOffset("binlog.000003", 4711, Finished: true), only);
        Assert.Null(only.Snapshot);
        Assert.True(only.IsFinished);
        Assert.Equal(new MySqlOffset("binlog.000003", 4711), streaming);
        Assert.Null(streaming.Snapshot);
        Assert.False(streaming.IsFinished);
    }

    [Fact]
    public void A_planned_mysql_range_ends_at_its_start_position_after_the_key_it_starts_after()
    {
        var batch = new MySqlSnapshotBatch(new MySqlOffset("binlog.000002", 9350, Finished: true), ["i:10"], 1000, true, Planned);

        Assert.Equal(new MySqlOffset("binlog.000002", 9350, Snapshot: new SnapshotProgress(["i:10"])), batch.End);
        Assert.Equal((0L, 0L, Planned, Planned), (batch.Files, batch.Bytes, batch.OldestUtc, batch.NewestUtc));
        Assert.Empty(batch.LedgerKeys);
    }

    [Fact]
    public void A_postgres_range_up_to_a_key_continues_after_that_key_at_the_lsn_it_read_at()
    {
        foreach (var finishAfter in new[] { false, true })
        {
            var batch = new PostgresSnapshotBatch(100, ["10"], ["1010"], finishAfter, Planned);

            var end = batch.EndAt(250, new SnapshotRangeRead(1000));

            Assert.Equal(new PostgresOffset(250, new SnapshotProgress(["1010"])), end);
            Assert.False(end.IsFinished);
        }
    }

    [Fact]
    public void The_last_postgres_range_finishes_a_snapshot_only_job_and_otherwise_streams_on_from_its_lsn()
    {
        var only = new PostgresSnapshotBatch(100, ["1010"], null, FinishAfter: true, Planned).EndAt(250, new SnapshotRangeRead(1000));
        var streaming = new PostgresSnapshotBatch(100, ["1010"], null, FinishAfter: false, Planned).EndAt(250, new SnapshotRangeRead(1000));

        Assert.Equal(new PostgresOffset(250, Finished: true), only);
        Assert.Null(only.Snapshot);
        Assert.True(only.IsFinished);
        Assert.Equal(new PostgresOffset(250), streaming);
        Assert.Null(streaming.Snapshot);
        Assert.False(streaming.IsFinished);
    }

    [Fact]
    public void A_planned_postgres_range_ends_at_its_start_lsn()
    {
        Assert.Equal(new PostgresOffset(100, new SnapshotProgress(["1010"])), new PostgresSnapshotBatch(100, null, ["1010"], true, Planned).End);
        Assert.Equal(new PostgresOffset(100, Finished: true), new PostgresSnapshotBatch(100, ["1010"], null, true, Planned).End);
    }

    [Fact]
    public void A_mysql_change_batch_keeps_its_kind_and_values_in_orchestration_state()
    {
        var batch = new MySqlChangeBatch(new MySqlOffset(null, 0, "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"), "binlog.000004", 120, 37, 5,
            Planned, Planned.AddSeconds(3));

        var text = JsonSerializer.Serialize<JobBatch>(batch);
        var again = Assert.IsType<MySqlChangeBatch>(JsonSerializer.Deserialize<JobBatch>(text));

        Assert.StartsWith("""{"kind":"mysql",""", text, StringComparison.Ordinal);
        Assert.Equal(batch, again);
        Assert.Equal(DateTimeKind.Utc, again.OldestCommitUtc.Kind);
        Assert.Equal(new MySqlOffset("binlog.000004", 120), again.End);
    }

    [Fact]
    public void A_mysql_snapshot_batch_keeps_its_kind_and_values_in_orchestration_state()
    {
        var batch = new MySqlSnapshotBatch(MySqlStart with { Gtids = "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5" }, ["i:10", "s:a:b"], 1000, true, Planned);

        var text = JsonSerializer.Serialize<JobBatch>(batch);
        var again = Assert.IsType<MySqlSnapshotBatch>(JsonSerializer.Deserialize<JobBatch>(text));

        Assert.StartsWith("""{"kind":"mysql-snapshot",""", text, StringComparison.Ordinal);
        Assert.Equal(batch.Start, again.Start);
        Assert.Equal(["i:10", "s:a:b"], again.After);
        Assert.Equal((1000, true, Planned, DateTimeKind.Utc), (again.Rows, again.FinishAfter, again.PlannedUtc, again.PlannedUtc.Kind));
        Assert.Equal(batch, again with { After = batch.After, Whole = batch.Whole });
        Assert.Equal(batch.End, again.End);
    }

    [Fact]
    public void A_first_mysql_snapshot_batch_keeps_its_missing_key_in_orchestration_state()
    {
        var batch = new MySqlSnapshotBatch(new MySqlOffset("binlog.000002", 9350), null, 500, false, Planned);

        var again = Assert.IsType<MySqlSnapshotBatch>(JsonSerializer.Deserialize<JobBatch>(JsonSerializer.Serialize<JobBatch>(batch)));

        Assert.Null(again.After);
        Assert.Equal(batch, again with { Whole = batch.Whole });
    }

    [Fact]
    public void A_postgres_snapshot_batch_keeps_its_kind_and_values_in_orchestration_state()
    {
        var batch = new PostgresSnapshotBatch(ulong.MaxValue - 1, ["10", "a"], ["1010", "b"], true, Planned);
        var first = new PostgresSnapshotBatch(5, null, null, false, Planned);

        var text = JsonSerializer.Serialize<JobBatch>(batch);
        var again = Assert.IsType<PostgresSnapshotBatch>(JsonSerializer.Deserialize<JobBatch>(text));
        var firstAgain = Assert.IsType<PostgresSnapshotBatch>(JsonSerializer.Deserialize<JobBatch>(JsonSerializer.Serialize<JobBatch>(first)));

        Assert.StartsWith("""{"kind":"postgres-snapshot",""", text, StringComparison.Ordinal);
        Assert.Equal(["10", "a"], again.After);
        Assert.Equal(["1010", "b"], again.UpTo);
        Assert.Equal((ulong.MaxValue - 1, true, Planned, DateTimeKind.Utc), (again.StartLsn, again.FinishAfter, again.PlannedUtc, again.PlannedUtc.Kind));
        Assert.Equal(batch, again with { After = batch.After, UpTo = batch.UpTo, Whole = batch.Whole });
        Assert.Equal(batch.End, again.End);
        Assert.Equal(first, firstAgain with { Whole = first.Whole });
    }
}
