using System.Text;
using ContinuousLoad.Ingest.Formats.Csv;
using ContinuousLoad.Testing;

namespace ContinuousLoad.Tests.Ingest;

public sealed class CsvReaderTests
{
    private static async Task<List<string?[]>> Read(string body, CsvFormat format, int chunk = 1 << 20)
    {
        var rows = new List<string?[]>();
        await using var reader = new CsvReader(new TrickleStream(Encoding.UTF8.GetBytes(body), chunk), format);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsNull(i) ? null : Encoding.UTF8.GetString(reader.Field(i));
            }

            if (reader.RowError is { } error)
            {
                row = [$"ERROR: {error}"];
            }

            rows.Add(row);
        }

        return rows;
    }

    private static CsvFormat Format(string separator = ",", string delimiter = "\n", char? enclose = null, char? escape = null, bool trim = false) =>
        new(Encoding.UTF8.GetBytes(separator), Encoding.UTF8.GetBytes(delimiter), (byte?)enclose, (byte?)escape, trim);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1 << 20)]
    public async Task Splits_rows_and_fields_across_any_read_sizes(int chunk)
    {
        var rows = await Read("1,a,x\n2,b,\\N\r\n3,,z", Format(), chunk);

        Assert.Equal([["1", "a", "x"], ["2", "b", null], ["3", "", "z"]], rows);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1 << 20)]
    public async Task Handles_multi_byte_separators_and_delimiters(int chunk)
    {
        var rows = await Read("1||a<EOL>2||b||c<EOL><EOL>3", Format("||", "<EOL>"), chunk);

        Assert.Equal([["1", "a"], ["2", "b", "c"], ["3"]], rows);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1 << 20)]
    public async Task Keeps_separators_and_line_breaks_inside_enclosed_fields(int chunk)
    {
        var rows = await Read("1,\"a,b\",\"line\nbreak\"\n2,\"say \\\"hi\\\"\",plain\n3,\"\",\"x\"", Format(enclose: '"', escape: '\\'), chunk);

        Assert.Equal([["1", "a,b", "line\nbreak"], ["2", "say \"hi\"", "plain"], ["3", "", "x"]], rows);
    }

    [Fact]
    public async Task Reads_doubled_enclose_when_the_escape_is_the_enclose()
    {
        Assert.Equal([["a\"b", "c"]], await Read("\"a\"\"b\",c\n", Format(enclose: '"', escape: '"')));
    }

    [Fact]
    public async Task Reports_an_enclosed_field_that_never_closes()
    {
        Assert.Equal([["1", "x"], ["ERROR: unterminated enclosed field: the enclose character is never closed"]],
            await Read("1,x\n2,\"never closed\n3,y\n", Format(enclose: '"')));
    }

    [Fact]
    public async Task Trims_outer_double_quotes_on_request_and_skips_a_bom()
    {
        Assert.Equal([["a", "\"b", "c"]], await Read("\uFEFF\"a\",\"b,\"c\"", Format(trim: true)));
    }

    [Fact]
    public async Task Reads_tab_separated_rows_with_the_default_format()
    {
        Assert.Equal([["1", "a b"], ["2", "c"]], await Read("1\ta b\n2\tc\n", CsvFormat.Default));
    }

    [Fact]
    public async Task Reads_a_one_megabyte_line_and_huge_field_counts()
    {
        var longField = new string('x', 1 << 20);
        var manyFields = string.Join(",", Enumerable.Range(0, 100_000));

        var rows = await Read($"{longField},1\n{manyFields}\n", Format(), chunk: 65536);

        Assert.Equal(longField, rows[0][0]);
        Assert.Equal(100_000, rows[1].Length);
        Assert.Equal("99999", rows[1][^1]);
    }

    [Fact]
    public async Task Counts_rows_and_keeps_the_raw_row_for_the_error_log()
    {
        await using var reader = new CsvReader(new MemoryStream("a,b\nc,d\n"u8.ToArray()), Format());
        await reader.ReadAsync(TestContext.Current.CancellationToken);
        await reader.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, reader.RowNumber);
        Assert.Equal("c,d", Encoding.UTF8.GetString(reader.RawRow));
        Assert.False(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(8, reader.BytesRead);
    }
}
