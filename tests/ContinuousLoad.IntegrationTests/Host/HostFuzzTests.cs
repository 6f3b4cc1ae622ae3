using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ContinuousLoad.IntegrationTests.Jobs;
using ContinuousLoad.Testing;
using ContinuousLoad.Testing.Fuzzing;

namespace ContinuousLoad.IntegrationTests.Host;

/// <summary>
/// The app as a real process under fuzzed requests (fixed seeds): generated and damaged statements,
/// Stream Loads with fuzzed headers and bodies, junk bodies, routes and credentials. Every request gets a
/// Doris-shaped answer — never a 500 — and the host answers <c>/api/health</c> after each one.
/// </summary>
public sealed class HostFuzzTests
{
    private static readonly int[] Seeds = [20261207, 3, 1024, 77777, 31];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 300_000)]
    public async Task Every_fuzzed_request_gets_a_doris_shaped_answer_and_the_host_stays_healthy()
    {
        using var directory = new TemporaryDirectory();
        await using var host = HostProcess.Start(directory.Path);
        Assert.True(await host.WaitHealthyAsync(TimeSpan.FromSeconds(30), Token), host.Output);
        using var http = new HttpClient { BaseAddress = new Uri(host.Url), Timeout = TimeSpan.FromSeconds(60) };
        var sql = new JobSql(http, "fuzz");
        await sql.RunAsync("CREATE DATABASE fuzz");
        await sql.RunAsync("CREATE TABLE t (k INT, s STRING, d DATETIME, x DECIMAL(10, 2), j JSON) UNIQUE KEY(k)");
        var problems = new List<string>();
        var requests = 0;

        foreach (var seed in Seeds)
        {
            var random = new Random(seed);
            for (var i = 0; i < 1_000 && problems.Count < 5; i++, requests++)
            {
                using var request = Request(random);
                var shown = $"seed {seed}, request {i}: {request.Method} {request.RequestUri}";
                using var response = await http.SendAsync(request, Token);
                var body = await response.Content.ReadAsStringAsync(Token);
                if (response.StatusCode == HttpStatusCode.InternalServerError || !IsDorisAnswer(response.StatusCode, body))
                {
                    problems.Add($"{shown} answered {(int)response.StatusCode}: {FuzzRun<string>.Abbreviate(body)}");
                }

                if (host.HasExited || !await host.WaitHealthyAsync(TimeSpan.FromSeconds(10), Token))
                {
                    problems.Add($"{shown}: the host stopped answering\n{host.Output}");
                    break;
                }
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} of {requests} fuzzed requests misbehaved:\n{string.Join("\n", problems)}");
        Assert.DoesNotContain("Unhandled", host.Output, StringComparison.Ordinal);
    }

    private static bool IsDorisAnswer(HttpStatusCode code, string body)
    {
        if (code is HttpStatusCode.RequestHeaderFieldsTooLarge or HttpStatusCode.BadRequest)
        {
            return true; // refused by the HTTP server before any function ran
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("code", out _) || json.RootElement.TryGetProperty("Status", out _) || json.RootElement.TryGetProperty("status", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static HttpRequestMessage Request(Random random)
    {
        var root = new AuthenticationHeaderValue("Basic", BasicAuthorization.Parameter("root:"));
        switch (random.Next(10))
        {
            case < 5:
                var generator = new SqlGenerator(random);
                var statement = random.Next(2) == 0 ? generator.Statement() : Mutations.Damage(generator.Statement(), random);
                return new HttpRequestMessage(HttpMethod.Post, "/api/query/default_cluster/fuzz")
                {
                    Headers = { Authorization = root },
                    Content = random.Next(20) == 0
                        ? new StringContent(Mutations.Damage(JsonSerializer.Serialize(new { stmt = statement }), random), Encoding.UTF8, "application/json")
                        : JsonContent.Create(new { stmt = statement, limit = random.Next(-1, 5) }),
                };
            case < 9:
                var load = new LoadGenerator(random).Next();
                var put = new HttpRequestMessage(HttpMethod.Put, $"/api/fuzz/{(random.Next(10) == 0 ? "missing" : "t")}/_stream_load")
                {
                    Headers = { Authorization = root },
                    Content = new ByteArrayContent(load.Body),
                };
                foreach (var (name, value) in load.Headers)
                {
                    put.Headers.TryAddWithoutValidation(name, new string([.. value.Select(c => c is >= ' ' and <= '~' ? c : '?')]));
                }

                return put;
            default:
                var junk = new HttpRequestMessage(random.Next(3) switch { 0 => HttpMethod.Get, 1 => HttpMethod.Delete, _ => HttpMethod.Put },
                    random.Next(2) == 0 ? "/api/fuzz/t/_stream_load_2pc" : "/api/" + Mutations.Damage("query/default_cluster/fuzz", random).Replace('?', '_').Replace('#', '_'));
                junk.Headers.TryAddWithoutValidation("Authorization", random.Next(2) == 0 ? "Basic " + Convert.ToBase64String([.. Enumerable.Range(0, 12).Select(_ => (byte)random.Next(256))]) : "Basic cm9vdDo=");
                junk.Headers.TryAddWithoutValidation("txn_operation", random.Next(2) == 0 ? "commit" : "nope");
                junk.Headers.TryAddWithoutValidation("txn_id", random.Next(-5, 5).ToString(System.Globalization.CultureInfo.InvariantCulture));
                return junk;
        }
    }
}
