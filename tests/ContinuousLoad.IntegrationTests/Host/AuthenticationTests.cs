using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ContinuousLoad.Functions.Configuration;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Host;

public sealed class AuthenticationTests
{
    private static AuthenticationHeaderValue Basic(string userAndPassword) =>
        new("Basic", BasicAuthorization.Parameter(userAndPassword));

    private static async Task<JsonElement> EnvelopeAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.Clone();
    }

    [Theory(Timeout = 30_000)]
    [InlineData("PUT", "/api/db1/tbl1/_stream_load")]
    [InlineData("POST", "/api/query/default_cluster/db1")]
    [InlineData("GET", "/api/_load_error_log?file=x")]
    [InlineData("GET", "/api/health/extra")]
    [InlineData("GET", "/")]
    [InlineData("DELETE", "/anything")]
    public async Task Every_route_but_health_needs_credentials(string method, string path)
    {
        await using var host = await InProcessHost.StartAsync();

        using var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        var envelope = await EnvelopeAsync(response);
        Assert.Equal("Unauthorized", envelope.GetProperty("msg").GetString());
        Assert.Equal(401, envelope.GetProperty("code").GetInt32());
        Assert.Equal("Need auth information.", envelope.GetProperty("data").GetString());
        Assert.Equal(0, envelope.GetProperty("count").GetInt32());
    }

    [Theory(Timeout = 30_000)]
    [InlineData("root:wrong", "Access denied for user 'root' (using password: YES)")]
    [InlineData("etl:", "Access denied for user 'etl' (using password: NO)")]
    [InlineData("ghost:x", "Access denied for user 'ghost' (using password: YES)")]
    public async Task Bad_credentials_are_refused(string credentials, string reason)
    {
        await using var host = await InProcessHost.StartAsync(new Dictionary<string, string?> { ["ContinuousLoad:Users:etl"] = "s3cret" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/anything") { Headers = { Authorization = Basic(credentials) } };

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(reason, (await EnvelopeAsync(response)).GetProperty("data").GetString());
    }

    [Theory(Timeout = 30_000)]
    [InlineData("root:")]
    [InlineData("etl:s3cret")]
    [InlineData("etl@default_cluster:s3cret")]
    public async Task Good_credentials_pass_through_to_routing(string credentials)
    {
        await using var host = await InProcessHost.StartAsync(new Dictionary<string, string?> { ["ContinuousLoad:Users:etl"] = "s3cret" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/no_such_function") { Headers = { Authorization = Basic(credentials) } };

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var envelope = await EnvelopeAsync(response);
        Assert.Equal(404, envelope.GetProperty("code").GetInt32());
        Assert.Equal("No function serves GET /api/no_such_function.", envelope.GetProperty("data").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task An_unknown_path_that_looks_like_a_file_name_gets_the_same_envelope()
    {
        // Found by the host fuzz test (seed 3): a path ending in ".5 us" passed the fallback route by and got an empty 404.
        await using var host = await InProcessHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/query/x/default_cl.5%20us") { Headers = { Authorization = Basic("root:") } };

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No function serves DELETE /api/query/x/default_cl.5%20us.", (await EnvelopeAsync(response)).GetProperty("data").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Health_stays_open_even_with_bad_credentials()
    {
        await using var host = await InProcessHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health") { Headers = { Authorization = Basic("root:wrong") } };

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Listening_beyond_loopback_with_an_empty_root_password_refuses_to_build()
    {
        var e = Assert.Throws<StartupConfigurationException>(() => InProcessHost.Build(Path.GetTempPath(),
            new Dictionary<string, string?> { ["ContinuousLoad:ListenUrl"] = "http://0.0.0.0:7071" }));

        Assert.Contains("empty password", e.Message, StringComparison.Ordinal);
    }
}
