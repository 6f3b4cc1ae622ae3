using ContinuousLoad.Testing.Fuzzing;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace ContinuousLoad.Testing.Fuzzing;

/// <summary>One fuzzed Stream Load: its headers and body.</summary>
public sealed record FuzzLoad(Dictionary<string, string> Headers, byte[] Body)
{
    public override string ToString() =>
        $"headers {{{string.Join("; ", Headers.Select(h => $"{h.Key}: {FuzzRun<string>.Abbreviate(h.Value)}"))}}} body {FuzzRun<byte[]>.Abbreviate(Body)}";
}

/// <summary>
/// Stream Loads into <c>t (k INT, s STRING, d DATETIME, x DECIMAL(10, 2), j JSON)</c>: CSV and JSON bodies
/// with awkward values, many header combinations (valid and not), gz/deflate compression, and damage.
/// </summary>
public sealed class LoadGenerator(Random random)
{
    private static readonly string[] Values =
    [
        "1", "-1", "0", "2147483647", "2147483648", "-2147483649", "99999999999999999999", "1.5", "12345678.99", "123456789.999", "1e3", "abc",
        "", "\\N", "NULL", "null", "2024-02-29 12:34:56", "2024-02-30", "0000-00-00 00:00:00", "9999-12-31 23:59:59.999999", "2024-01-01T00:00:00Z",
        "\"quoted\"", "\"a,b\"", "\"line\nbreak\"", "'single'", "x\ty", "\u00e9\u4e2d\ud83d\ude00", "{\"a\": [1, 2]}", "[1,2]", "{bad json",
        "true", "-0", " 42 ", new string('w', 5_000),
    ];

    private static readonly (string Name, string[] Values)[] HeaderValues =
    [
        ("column_separator", [",", "\\t", "|", "\\x01", "::", "", "\\x", "\\xZZ", ",,"]),
        ("line_delimiter", ["\\n", "\\r\\n", "||", "\\x02", ""]),
        ("columns", ["k, s, d, x, j", "k, s", "k, s, d, x, j, extra", "k, tmp, s = upper(tmp)", "k, s, d, x, j, x = x * 2", "k,,s", "k = 1", "s, k", "`k`, s"]),
        ("where", ["k > 0", "s LIKE 'a%'", "k IN (1, 2, 3)", "x BETWEEN 0 AND 10", "nope > 1", "k >", "((k > 0))", "d IS NOT NULL"]),
        ("max_filter_ratio", ["0", "0.5", "1", "1.1", "-1", "abc"]),
        ("strict_mode", ["true", "false", "yes"]),
        ("format", ["csv", "json", "csv_with_names", "csv_with_names_and_types", "parquet", "JSON", "xml"]),
        ("read_json_by_line", ["true", "false"]),
        ("strip_outer_array", ["true", "false"]),
        ("json_root", ["$.data", "$", "$.", "data", "$.a.b[0]"]),
        ("jsonpaths", ["[\"$.k\", \"$.s\"]", "[\"$.k\"]", "[]", "not json", "[1, 2]", "{\"a\": 1}"]),
        ("enclose", ["\"", "'", "ab", ""]),
        ("escape", ["\\", "\\\\", "ab"]),
        ("trim_double_quotes", ["true", "false"]),
        ("skip_lines", ["0", "1", "5", "-1", "999999999999"]),
        ("timezone", ["Asia/Shanghai", "+08:00", "UTC", "Mars/Olympus", "+25:00"]),
        ("timeout", ["1", "600", "0", "259201", "x"]),
        ("merge_type", ["APPEND", "DELETE", "MERGE", "UPSERT"]),
        ("delete", ["k = 1", "s = 'x'", "(("]),
        ("partial_columns", ["true", "false"]),
        ("two_phase_commit", ["true", "false"]),
        ("label", ["l1", "has space", new string('l', 200), "ok_label-1"]),
        ("compress_type", ["gz", "deflate", "bz2", "lz4", "GZ", "none"]),
        ("num_as_string", ["true", "false"]),
        ("fuzzy_parse", ["true", "false"]),
        ("hidden_columns", ["__DORIS_DELETE_SIGN__", "nope"]),
        ("function_column.sequence_col", ["k", "nope"]),
    ];

    public FuzzLoad Next()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var n = random.Next(4); n > 0; n--)
        {
            var (name, values) = HeaderValues[random.Next(HeaderValues.Length)];
            headers[name] = random.Next(8) == 0 ? Mutations.Damage(values[random.Next(values.Length)], random) : values[random.Next(values.Length)];
        }

        if (random.Next(2) == 0)
        {
            headers.TryAdd("max_filter_ratio", "1"); // bad rows are filtered, so loads reach the commit path too
        }

        var json = random.Next(3) == 0;
        if (json)
        {
            headers["format"] = "json";
            headers.Remove("compress_type");
            if (random.Next(2) == 0)
            {
                headers["read_json_by_line"] = "true";
            }
        }
        else if (!headers.ContainsKey("column_separator"))
        {
            headers["column_separator"] = ",";
        }

        var body = json ? Json(headers.GetValueOrDefault("read_json_by_line") == "true") : Csv(headers.GetValueOrDefault("column_separator") ?? ",");
        if (!json && random.Next(6) == 0)
        {
            var gzip = random.Next(2) == 0;
            headers["compress_type"] = gzip ? "gz" : "deflate";
            body = Compress(body, gzip);
        }

        if (random.Next(4) == 0)
        {
            body = Mutations.Damage(body, random);
        }

        return new FuzzLoad(headers, body);
    }

    private byte[] Csv(string separator)
    {
        var text = new StringBuilder();
        var glue = separator switch { "\\t" => "\t", "\\x01" => "\u0001", _ => separator };
        for (var row = random.Next(0, 20); row > 0; row--)
        {
            var fields = random.Next(8) == 0 ? random.Next(0, 9) : 5;
            text.AppendJoin(glue, Enumerable.Range(0, fields).Select(i => i == 0 && random.Next(3) > 0 ? random.Next(100).ToString(CultureInfo.InvariantCulture) : Values[random.Next(Values.Length)]));
            text.Append(random.Next(10) == 0 ? "\r\n" : "\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private byte[] Json(bool byLine)
    {
        var rows = Enumerable.Range(0, random.Next(0, 10)).Select(_ => JsonRow()).ToList();
        var text = byLine ? string.Join("\n", rows) : random.Next(3) switch
        {
            0 => "[" + string.Join(",", rows) + "]",
            1 => "{\"data\": [" + string.Join(",", rows) + "]}",
            _ => rows.FirstOrDefault() ?? "{}",
        };
        return Encoding.UTF8.GetBytes(text);
    }

    private string JsonRow() => random.Next(10) switch
    {
        0 => "[1, 2, 3]",
        1 => "\"just a string\"",
        2 => new string('[', 300) + new string(']', 300),
        _ => "{" + string.Join(", ", new[] { "k", "s", "d", "x", "j", "other" }.Where(_ => random.Next(4) > 0).Select(key => $"\"{key}\": {JsonValue()}")) + "}",
    };

    private string JsonValue() => random.Next(8) switch
    {
        0 => random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture),
        1 => "null",
        2 => "true",
        3 => "1.5e308",
        4 => "{\"nested\": [1, {\"a\": null}]}",
        5 => "123456789012345678901234567890",
        _ => System.Text.Json.JsonSerializer.Serialize(Values[random.Next(Values.Length)]),
    };

    private static byte[] Compress(byte[] data, bool gzip)
    {
        using var output = new MemoryStream();
        using (Stream compressor = gzip ? new GZipStream(output, CompressionLevel.Fastest) : new ZLibStream(output, CompressionLevel.Fastest))
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }
}
