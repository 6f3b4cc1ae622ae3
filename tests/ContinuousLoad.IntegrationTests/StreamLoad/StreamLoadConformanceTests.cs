using System.Text.Json;
using ContinuousLoad.IntegrationTests.Servers;

namespace ContinuousLoad.IntegrationTests.StreamLoad;

/// <summary>
/// Every <see cref="LoadCases"/> case over HTTP against both table stores: the answer's status, counts
/// and message, the error log, and the rows the table holds afterwards (none when the load failed).
/// </summary>
public sealed class StreamLoadConformanceTests(LoadHosts hosts, PostgresServer postgres) : IClassFixture<LoadHosts>
{
    private static readonly string[] OrderedFields =
    [
        "TxnId", "Label", "Comment", "TwoPhaseCommit", "Status", "Message", "NumberTotalRows", "NumberLoadedRows", "NumberFilteredRows",
        "NumberUnselectedRows", "LoadBytes", "LoadTimeMs", "BeginTxnTimeMs", "StreamLoadPutTimeMs", "ReadDataTimeMs", "WriteDataTimeMs",
        "ReceiveDataTimeMs", "CommitAndPublishTimeMs",
    ];

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(LoadCases.Runs), MemberType = typeof(LoadCases))]
    public async Task Loads_as_Doris_does(string kind, string name)
    {
        var load = LoadCases.Named(name);
        await using var client = await hosts.ClientAsync(kind, postgres);
        await client.SqlAsync(load.Table);

        var answer = await client.LoadAsync("t", load.BodyBytes(), load.Headers);

        Assert.True(load.Status == answer.Status, $"expected {load.Status}: {answer}");
        Assert.True(load.Message is null || answer.Message.StartsWith(load.Message, StringComparison.Ordinal), $"expected message '{load.Message}': {answer}");
        Assert.Equal(load.Total ?? answer.Total, answer.Total);
        Assert.Equal(load.Loaded ?? answer.Loaded, answer.Loaded);
        Assert.Equal(load.Filtered ?? answer.Filtered, answer.Filtered);
        Assert.Equal(load.Unselected ?? answer.Unselected, answer.Unselected);
        Assert.Equal(answer.Total, answer.Loaded + answer.Filtered + answer.Unselected);
        foreach (var field in load.Fields)
        {
            var (key, value) = (field[..field.IndexOf('=', StringComparison.Ordinal)], field[(field.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            var actual = answer.Json.GetProperty(key);
            Assert.Equal(value, actual.ValueKind == JsonValueKind.String ? actual.GetString() : actual.GetRawText());
        }

        AssertShape(answer);
        if (load.ErrorLog is not null)
        {
            Assert.NotNull(answer.ErrorUrl);
            var (_, log) = await client.GetAsync(new Uri(answer.ErrorUrl!).PathAndQuery);
            Assert.Contains(load.ErrorLog, log, StringComparison.Ordinal);
        }

        if (load.Rows is not null)
        {
            Assert.Equal(load.Rows, await client.RowsAsync(load.Query));
        }
    }

    /// <summary>Doris's field order; <c>ErrorURL</c> whenever rows were filtered; no partial commit on failure.</summary>
    private static void AssertShape(LoadAnswer answer)
    {
        var expected = OrderedFields.Where(f => answer.Json.TryGetProperty(f, out _)).ToList();
        Assert.Equal(expected, answer.FieldNames.Where(OrderedFields.Contains).ToList());
        Assert.True(answer.Text.EndsWith("}\n", StringComparison.Ordinal) && answer.Text.Contains("\n    \"TxnId\": ", StringComparison.Ordinal), answer.Text);
        if (answer.Filtered > 0)
        {
            Assert.NotNull(answer.ErrorUrl);
        }
    }
}
