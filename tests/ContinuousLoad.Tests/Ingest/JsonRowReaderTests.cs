using System.Text;
using ContinuousLoad.Ingest.Formats.Json;
using ContinuousLoad.Testing;

namespace ContinuousLoad.Tests.Ingest;

public sealed class JsonRowReaderTests
{
    private static readonly string[] Names = ["k", "v"];

    private static async Task<List<string>> Read(string body, JsonFormat format, int chunk = 1 << 20, IReadOnlyList<string>? names = null)
    {
        var rows = new List<string>();
        await using var reader = new JsonRowReader(new TrickleStream(Encoding.UTF8.GetBytes(body), chunk), format, names ?? Names);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(reader.RowError is { } error
                ? $"ERROR: {error}"
                : string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsNull(i) ? "NULL" : Encoding.UTF8.GetString(reader.Field(i)))));
        }

        return rows;
    }

    private static JsonFormat Lines => new(true, false, null, null, "\n"u8.ToArray());

    private static JsonFormat Document(bool strip = false, string? root = null, string[]? paths = null) =>
        new(false, strip, root is null ? null : JsonPath.Parse(root), paths?.Select(JsonPath.Parse).ToList(), "\n"u8.ToArray());

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1 << 20)]
    public async Task Reads_one_object_per_line_by_key_in_any_order(int chunk)
    {
        var rows = await Read("{\"k\": 1, \"v\": \"a\"}\n\n{\"v\": \"b\", \"k\": 2, \"x\": [1, {\"y\": 2}]}\r\n{\"K\": 3}\n", Lines, chunk);

        Assert.Equal(["1|a", "2|b", "3|NULL"], rows);
    }

    [Fact]
    public async Task Keeps_numbers_as_written_and_containers_as_json_text_and_unescapes_strings()
    {
        var rows = await Read("""{"k": 123456789012345678901234.5000, "v": {"a": [1, "x"]}}""" + "\n" + """{"k": true, "v": "tab\tquote\"é\u00e9"}""",
            Lines);

        Assert.Equal(["123456789012345678901234.5000|{\"a\": [1, \"x\"]}", "true|tab\tquote\"éé"], rows);
    }

    [Fact]
    public async Task A_bad_line_is_one_malformed_row_and_reading_goes_on()
    {
        var rows = await Read("{\"k\": 1}\n{\"k\": 2,\n{\"k\": 3} trailing\n[1]\n{\"k\": 4}\n", Lines);

        Assert.Equal("1|NULL", rows[0]);
        Assert.StartsWith("ERROR: Parse json data failed", rows[1], StringComparison.Ordinal);
        Assert.StartsWith("ERROR: Parse json data failed", rows[2], StringComparison.Ordinal);
        Assert.StartsWith("ERROR: JSON data is array-object", rows[3], StringComparison.Ordinal);
        Assert.Equal("4|NULL", rows[4]);
    }

    [Fact]
    public async Task Strips_the_outer_array_below_a_root_and_binds_paths_in_order()
    {
        var body = """{"meta": 1, "data": [{"id": 1, "in": {"name": "a"}}, {"id": 2}, 5]}""";

        var rows = await Read(body, Document(strip: true, root: "$.data", paths: ["$.id", "$.in.name"]));

        Assert.Equal(["1|a", "2|NULL", "ERROR: Parse json data failed: an element of the outer array is not an object"], rows);
    }

    [Fact]
    public async Task An_array_needs_strip_outer_array_and_an_object_must_not_have_it()
    {
        // A whole document that cannot give rows fails the load; one bad line is one bad row.
        Assert.Equal("JSON data is array-object, `strip_outer_array` must be TRUE.",
            (await Assert.ThrowsAsync<InvalidDataException>(() => Read("[{\"k\": 1}]", Document()))).Message);
        await Assert.ThrowsAsync<InvalidDataException>(() => Read("{\"k\": 1}", Document(strip: true)));
    }

    [Fact]
    public async Task Invalid_utf8_is_a_malformed_row()
    {
        var rows = new List<string>();
        byte[] body = [.. "{\"k\": \""u8, 0xC3, 0x28, .. "\"}\n{\"k\": 1}\n"u8];
        await using var reader = new JsonRowReader(new MemoryStream(body), Lines, Names);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(reader.RowError ?? "ok");
        }

        Assert.Equal(["Parse json data failed: the data is not valid UTF-8", "ok"], rows);
    }
}
