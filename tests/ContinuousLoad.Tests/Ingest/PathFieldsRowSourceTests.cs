using System.Text;
using ContinuousLoad.Ingest.Formats;
using ContinuousLoad.Ingest.Formats.Csv;

namespace ContinuousLoad.Tests.Ingest;

public sealed class PathFieldsRowSourceTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_body_values_follow_the_data_fields_and_wide_or_short_rows_keep_their_counts()
    {
        await using var rows = new PathFieldsRowSource(
            new CsvReader(new MemoryStream(Encoding.UTF8.GetBytes("1,a\n2,b,extra\n3\n")), CsvFormat.Default with { ColumnSeparator = ","u8.ToArray() }),
            dataFields: 2, ["2024", null]);

        Assert.True(await rows.ReadAsync(Token));
        Assert.Equal(4, rows.FieldCount);
        Assert.Equal(["1", "a", "2024"], Enumerable.Range(0, 3).Select(i => Encoding.UTF8.GetString(rows.Field(i))));
        Assert.True(rows.IsNull(3));

        Assert.True(await rows.ReadAsync(Token));
        Assert.Equal(5, rows.FieldCount);
        Assert.Equal("extra", Encoding.UTF8.GetString(rows.Field(4)));

        Assert.True(await rows.ReadAsync(Token));
        Assert.Equal(1, rows.FieldCount);
        Assert.False(await rows.ReadAsync(Token));
    }
}
