using ContinuousLoad.Sources.Postgres.Snapshot;

namespace ContinuousLoad.Tests.Sources.Postgres;

public sealed class IntegerKeyRangesTests
{
    private static List<(string? After, string? UpTo)> Split(long min, long max, int parts, IReadOnlyList<string>? after = null) =>
        [.. IntegerKeyRanges.Split(min, max, parts, after).Select(r => (r.After?.Single(), r.UpTo?.Single()))];

    [Fact]
    public void A_span_is_cut_into_equal_ranges_that_chain_and_end_open()
    {
        Assert.Equal([(null, "24"), ("24", "49"), ("49", "74"), ("74", null)], Split(0, 99, 4));
    }

    [Fact]
    public void The_first_range_starts_after_the_resume_point()
    {
        Assert.Equal([("1500", "1750"), ("1750", null)], Split(1501, 1999, 2, ["1500"]));
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(1, 3)]
    public void A_span_narrower_than_the_parts_gives_fewer_ranges(long min, long max)
    {
        var ranges = Split(min, max, 8);

        Assert.InRange(ranges.Count, 1, (int)(max - min + 1));
        Assert.Null(ranges[^1].UpTo);
    }

    [Fact]
    public void The_whole_bigint_span_does_not_overflow()
    {
        var ranges = Split(long.MinValue, long.MaxValue, 4);

        Assert.Equal(4, ranges.Count);
        Assert.Equal("-4611686018427387905", ranges[0].UpTo);
        Assert.Equal("4611686018427387903", ranges[2].UpTo);
    }
}
