using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Jobs;

/// <summary>Talks to a host's query endpoint the way a Doris user's tool does, and waits for jobs to get somewhere.</summary>
internal sealed class JobSql(HttpClient client, string database)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Runs a statement that must succeed; returns the result set's rows (empty for a statement).</summary>
    public async Task<List<JsonElement[]>> RunAsync(string statement)
    {
        var answer = await PostAsync(statement);
        Assert.True(answer.GetProperty("code").GetInt32() == 0, $"{statement}\n=> {answer}");
        var data = answer.GetProperty("data");
        return data.TryGetProperty("data", out var rows) ? [.. rows.EnumerateArray().Select(r => r.EnumerateArray().ToArray())] : [];
    }

    /// <summary>Runs a statement that must fail; returns its message.</summary>
    public async Task<string> FailAsync(string statement)
    {
        var answer = await PostAsync(statement);
        Assert.True(answer.GetProperty("code").GetInt32() == 1, $"{statement} should fail\n=> {answer}");
        return answer.GetProperty("data").GetString()!;
    }

    public async Task<string?> ScalarAsync(string query) => (await RunAsync(query)) is [var row, ..] ? Text(row[0]) : null;

    public async Task<long> CountAsync(string table) => long.Parse((await ScalarAsync($"SELECT count(*) FROM {table}"))!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Polls until <paramref name="done"/> holds (every 100 ms, at most <paramref name="seconds"/>); on time-out the jobs' state says why.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> done, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            if (DateTime.UtcNow >= deadline)
            {
                var jobs = await RunAsync("SELECT Name, Status, ErrorMsg, JobRuntimeMsg, CurrentOffset FROM jobs(\"type\"=\"insert\")");
                Assert.Fail($"timed out waiting for {what}; jobs: {string.Join(" | ", jobs.Select(j => string.Join(", ", j.Select(Text))))}");
            }

            await Task.Delay(100, Token);
        }
    }

    /// <summary>
    /// Waits until job <paramref name="job"/> shows <paramref name="fileName"/> as its CurrentOffset. The job
    /// publishes a load's offset, statistics, cleared error and task status together, a moment after the
    /// load's rows are visible: wait for this before reading them.
    /// </summary>
    public Task WaitForOffsetAsync(string job, string fileName) =>
        WaitUntilAsync(async () => await ScalarAsync($"SELECT CurrentOffset FROM jobs(\"type\"=\"insert\") WHERE Name = '{job}'") == $"{{\"fileName\":\"{fileName}\"}}",
            $"job {job} to show offset {fileName}");

    /// <summary>Waits (up to 30 s) until <paramref name="query"/> gives the rows a job's source holds; if it never does, shows where they differ.</summary>
    /// <param name="sourceRows">The source's rows as the target should hold them, each as comma-joined values.</param>
    public async Task UntilEqualAsync(string query, Func<Task<List<string>>> sourceRows)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await PagedRowsAsync(query)).SequenceEqual(await sourceRows()) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, Token);
        }

        Assert.Equal(await sourceRows(), await PagedRowsAsync(query));
    }

    /// <summary>The rows of <paramref name="query"/> (which orders them), a page at a time: the query endpoint answers at most 1,000 rows.</summary>
    public async Task<List<string>> PagedRowsAsync(string query)
    {
        var rows = new List<string>();
        for (var offset = 0; ; offset += 1000)
        {
            var page = await RunAsync($"{query} LIMIT 1000 OFFSET {offset}");
            rows.AddRange(page.Select(r => string.Join(",", r.Select(JobSql.Text))));
            if (page.Count < 1000)
            {
                return rows;
            }
        }
    }

    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };

    private async Task<JsonElement> PostAsync(string statement)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/query/default_cluster/{database}")
        {
            Content = JsonContent.Create(new { stmt = statement }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", BasicAuthorization.Parameter("root:"));
        using var response = await client.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        return document.RootElement.Clone();
    }
}
