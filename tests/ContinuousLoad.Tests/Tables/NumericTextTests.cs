using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Tests.Tables;

public sealed class NumericTextTests
{
    [Theory]
    [InlineData("1", "2", -1)]
    [InlineData("10", "9", 1)]
    [InlineData("-10", "9", -1)]
    [InlineData("-10", "-9", -1)]
    [InlineData("0.50", "0.5", 0)]
    [InlineData("-0.00", "0", 0)]
    [InlineData("170141183460469231731687303715884105727", "-170141183460469231731687303715884105728", 1)]
    [InlineData("12.345", "12.35", -1)]
    [InlineData("0012", "12", 0)]
    public void Orders_canonical_numbers_by_value(string left, string right, int order) =>
        Assert.Equal(order, Math.Sign(NumericText.Compare(left, right)));

    [Theory]
    [InlineData("1.50", "2.25", 2, "3.75")]
    [InlineData("-1.5", "1.25", 2, "-0.25")]
    [InlineData("170141183460469231731687303715884105700", "27", 0, "170141183460469231731687303715884105727")]
    [InlineData(null, "7", 0, "7")]
    [InlineData("0.001", null, 3, "0.001")]
    public void Adds_exactly_at_a_scale(string? left, string? right, int scale, string sum) =>
        Assert.Equal(sum, NumericText.Add(left, right, scale));
}
