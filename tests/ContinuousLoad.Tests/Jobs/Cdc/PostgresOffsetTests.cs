using System.Text.Json;
using ContinuousLoad.Jobs.Sources;
using ContinuousLoad.Jobs.Sources.Cdc;

namespace ContinuousLoad.Tests.Jobs.Cdc;

public sealed class PostgresOffsetTests
{
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
}
