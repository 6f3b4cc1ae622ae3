using ContinuousLoad.Sources.Postgres;

namespace ContinuousLoad.Tests.Sources.Postgres;

public sealed class LsnTests
{
    [Theory]
    [InlineData("0/0", 0UL)]
    [InlineData("16/B374D848", 0x16_B374D848UL)]
    [InlineData("FFFFFFFF/FFFFFFFF", ulong.MaxValue)]
    [InlineData("0/1", 1UL)]
    public void Parses_and_prints_the_way_postgres_does(string text, ulong value)
    {
        var lsn = Lsn.Parse(text);

        Assert.Equal(value, lsn.Value);
        Assert.Equal(text, lsn.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("16B374D848")]
    [InlineData("/1")]
    [InlineData("1/")]
    [InlineData("1/G")]
    [InlineData("100000000/0")]
    [InlineData("0/123456789")]
    public void Refuses_what_is_not_an_lsn(string text)
    {
        Assert.False(Lsn.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Lsn.Parse(text));
    }

    [Fact]
    public void Orders_by_position()
    {
        var (low, high) = (Lsn.Parse("0/FFFFFFFF"), Lsn.Parse("1/0"));

        Assert.True(low < high);
        Assert.Equal(high, Lsn.Max(low, high));
        Assert.Equal(-1, low.CompareTo(high));
    }
}
