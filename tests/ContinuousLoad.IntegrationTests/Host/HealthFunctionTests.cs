using System.Net;
using System.Text.Json;
using ContinuousLoad.IntegrationTests.Servers;

namespace ContinuousLoad.IntegrationTests.Host;

public sealed class HealthFunctionTests(AzuriteServer azurite)
{
    [Fact(Timeout = 30_000)]
    public async Task Answers_without_credentials_and_creates_the_data_directory()
    {
        await using var host = await InProcessHost.StartAsync();

        using var response = await host.Client.GetAsync("/api/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("success", body.RootElement.GetProperty("msg").GetString());
        Assert.Equal(0, body.RootElement.GetProperty("code").GetInt32());
        var data = body.RootElement.GetProperty("data");
        Assert.Equal("OK", data.GetProperty("status").GetString());
        Assert.StartsWith("0.1.0", data.GetProperty("version").GetString(), StringComparison.Ordinal);
        var dataDirectory = Path.Combine(host.ContentRoot, ".data");
        Assert.Equal(dataDirectory, data.GetProperty("data_directory").GetString());
        Assert.True(Directory.Exists(dataDirectory));
        Assert.Equal("sqlite", data.GetProperty("stores").GetProperty("tables").GetString());
        Assert.Equal("sqlite", data.GetProperty("stores").GetProperty("durable").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Names_the_stores_without_showing_their_connection_strings()
    {
        var taskHub = AzuriteServer.NewTaskHubName();
        try
        {
            await using var host = await InProcessHost.StartAsync(new Dictionary<string, string?>
            {
                ["ContinuousLoad:Tables:Store"] = "postgres",
                ["ContinuousLoad:Tables:ConnectionString"] = "Host=127.0.0.1;Password=TopSecret",
                ["ContinuousLoad:Durable:Backend"] = "azurestorage",
                ["ContinuousLoad:Durable:TaskHub"] = taskHub,
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
            });

            var text = await host.Client.GetStringAsync("/api/health", TestContext.Current.CancellationToken);

            Assert.Contains("\"stores\":{\"tables\":\"postgres\",\"durable\":\"azurestorage\"}", text, StringComparison.Ordinal);
            Assert.DoesNotContain("TopSecret", text, StringComparison.Ordinal);
            Assert.DoesNotContain("AccountKey", text, StringComparison.Ordinal);
            Assert.DoesNotContain(azurite.ConnectionString.Split("AccountKey=")[1][..20], text, StringComparison.Ordinal);
        }
        finally
        {
            await azurite.DeleteTaskHubAsync(taskHub);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Answers_head_requests()
    {
        await using var host = await InProcessHost.StartAsync();

        using var response = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/health"),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
