using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.StreamLoad;

/// <summary>The curl commands of docs/stream-load.md, run with curl itself, as a Doris user types them.</summary>
public sealed class StreamLoadCurlTests(LoadHosts hosts, PostgresServer postgres) : IClassFixture<LoadHosts>
{
    [Theory(Timeout = 180_000)]
    [MemberData(nameof(Tables.TestStore.Kinds), MemberType = typeof(Tables.TestStore))]
    public async Task The_documented_curl_commands_work_unchanged(string kind)
    {
        await using var client = await hosts.ClientAsync(kind, postgres);
        await client.SqlAsync("CREATE TABLE orders (id INT, customer VARCHAR(32), amount DECIMAL(10,2), at DATETIME) UNIQUE KEY(id)");
        using var files = new TemporaryDirectory();
        var url = $"{client.Http.BaseAddress!.ToString().TrimEnd('/')}/api/{client.Database}";
        var csv = files.Combine("orders.csv");
        await File.WriteAllTextAsync(csv, "1,ann,10.50,2024-05-06 07:08:09\n2,bob,3.25,2024-05-06 08:00:00\n", TestContext.Current.CancellationToken);

        var first = await Curl(null, "--location-trusted", "-u", "root:", "-H", "label:orders-2024-05-06", "-H", "column_separator:,", "-T", csv, $"{url}/orders/_stream_load");
        var again = await Curl(null, "--location-trusted", "-u", "root:", "-H", "label:orders-2024-05-06", "-H", "column_separator:,", "-T", csv, $"{url}/orders/_stream_load");
        Assert.Equal(("Success", "Label Already Exists", "FINISHED"),
            (Field(first, "Status"), Field(again, "Status"), Field(again, "ExistingJobStatus")));
        Assert.Contains("\"data\":\"VISIBLE\"", await Curl(null, "-u", "root:", $"{url}/get_load_state?label=orders-2024-05-06"), StringComparison.Ordinal);

        // From a pipe: chunked transfer.
        var piped = await Curl(Encoding.UTF8.GetBytes("3,cy,1.00,2024-05-07 00:00:00\n"), "-u", "root:", "-H", "column_separator:,", "-T", "-", $"{url}/orders/_stream_load");
        Assert.Equal("Success", Field(piped, "Status"));

        // Compressed, derived columns, JSON with paths.
        var gz = files.Combine("orders.csv.gz");
        await using (var output = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
        {
            await output.WriteAsync("4,dee,200,1715000000\n"u8.ToArray(), TestContext.Current.CancellationToken);
        }

        var derived = await Curl(null, "-u", "root:", "-H", "column_separator:,", "-H", "compress_type:gz", "-H", "timezone: UTC",
            "-H", "columns: id, name, cents, epoch, customer = upper(name), amount = cents / 100, at = from_unixtime(epoch)", "-T", gz, $"{url}/orders/_stream_load");
        Assert.Equal("Success", Field(derived, "Status"));
        var json = files.Combine("nested.json");
        await File.WriteAllTextAsync(json, """{"payload": [{"order": {"id": 5, "who": "eve"}, "total": 7.5}]}""", TestContext.Current.CancellationToken);
        var paths = await Curl(null, "-u", "root:", "-H", "format:json", "-H", """jsonpaths:["$.order.id", "$.order.who", "$.total"]""", "-H", "columns: id, customer, amount",
            "-H", "json_root:$.payload", "-H", "strip_outer_array:true", "-T", json, $"{url}/orders/_stream_load");
        Assert.Equal("Success", Field(paths, "Status"));

        // Two-phase commit, then the error log of a load with a bad row.
        var prepared = await Curl(null, "-u", "root:", "-H", "label:batch-42", "-H", "two_phase_commit:true", "-H", "column_separator:,", "-T", csv, $"{url}/orders/_stream_load");
        var txn = JsonDocument.Parse(prepared).RootElement.GetProperty("TxnId").GetInt64();
        Assert.Contains($"transaction [{txn}] commit successfully.",
            await Curl(null, "-X", "PUT", "-u", "root:", "-H", $"txn_id:{txn}", "-H", "txn_operation:commit", $"{url}/_stream_load_2pc"), StringComparison.Ordinal);
        var bad = files.Combine("bad.csv");
        await File.WriteAllTextAsync(bad, "6,fay,1.00,2024-05-06 00:00:00\noops\n", TestContext.Current.CancellationToken);
        var filtered = await Curl(null, "-u", "root:", "-H", "column_separator:,", "-H", "max_filter_ratio:0.5", "-T", bad, $"{url}/orders/_stream_load");
        Assert.Contains("src line [oops]", await Curl(null, "-u", "root:", Field(filtered, "ErrorURL")), StringComparison.Ordinal);

        Assert.Equal(["1|ann|10.50", "2|bob|3.25", "3|cy|1.00", "4|DEE|2.00", "5|eve|7.50", "6|fay|1.00"],
            await client.RowsAsync("SELECT id, customer, amount FROM orders ORDER BY id"));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_big_upload_refused_by_its_headers_is_never_sent()
    {
        await using var client = await hosts.ClientAsync("sqlite", postgres);
        await client.SqlAsync("CREATE TABLE t (k INT) DUPLICATE KEY(k)");
        using var files = new TemporaryDirectory();
        var big = files.Combine("big.csv");
        await File.WriteAllBytesAsync(big, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("1\n", 5_000_000))), TestContext.Current.CancellationToken);
        var url = $"{client.Http.BaseAddress!.ToString().TrimEnd('/')}/api/{client.Database}/t/_stream_load";

        // curl sends "Expect: 100-continue" for a body this size and waits for the go-ahead — by default only
        // one second, after which it sends anyway; a loaded machine may need longer to answer.
        var answer = await Curl(null, "-u", "root:", "-H", "format:parquet", "--expect100-timeout", "30", "-w", "\nuploaded=%{size_upload}", "-T", big, url);

        Assert.Contains("[INTERNAL_ERROR]format parquet is not supported", answer, StringComparison.Ordinal);
        Assert.Contains("uploaded=0", answer, StringComparison.Ordinal);
    }

    private static string Field(string answer, string name) => JsonDocument.Parse(answer).RootElement.GetProperty(name).GetString()!;

    /// <summary>Runs curl (silent, failing on transport errors) and returns what it printed.</summary>
    private static async Task<string> Curl(byte[]? input, params string[] arguments)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null };
        foreach (var argument in arguments.Prepend("-sS"))
        {
            start.ArgumentList.Add(argument);
        }

        using var curl = Process.Start(start)!;
        if (input is not null)
        {
            await curl.StandardInput.BaseStream.WriteAsync(input, TestContext.Current.CancellationToken);
            curl.StandardInput.Close();
        }

        var output = await curl.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await curl.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await curl.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(curl.ExitCode == 0, $"curl {string.Join(' ', arguments)} failed: {error}");
        return output;
    }
}
