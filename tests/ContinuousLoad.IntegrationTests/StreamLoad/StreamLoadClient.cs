using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.StreamLoad;

/// <summary>
/// What <c>curl -u root: -H ... -T file .../_stream_load</c> does, plus the SQL API to set up and read tables.
/// Disposing drops the database unless <paramref name="keepDatabase"/> (a host about to be killed cannot).
/// </summary>
public sealed class StreamLoadClient(string url, string database, bool keepDatabase = false) : IAsyncDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };

    public string Database { get; } = database;

    public HttpClient Http => _http;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Loads <paramref name="body"/> with the headers given as <c>name: value</c> strings.</summary>
    public Task<LoadAnswer> LoadAsync(string table, byte[] body, IEnumerable<string> headers, bool chunked = false) =>
        LoadAsync(table, chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body), headers);

    public Task<LoadAnswer> LoadAsync(string table, string body, params string[] headers) =>
        LoadAsync(table, Encoding.UTF8.GetBytes(body), headers);

    public async Task<LoadAnswer> LoadAsync(string table, HttpContent content, IEnumerable<string> headers)
    {
        using var request = Request(HttpMethod.Put, $"/api/{Database}/{table}/_stream_load", headers);
        request.Content = content;
        using var response = await _http.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Answer(response);
    }

    public async Task<(HttpStatusCode Code, string Text)> PutAsync(string path, params string[] headers)
    {
        using var request = Request(HttpMethod.Put, path, headers);
        using var response = await _http.SendAsync(request, Token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Token));
    }

    public async Task<(HttpStatusCode Code, string Text)> GetAsync(string path)
    {
        using var request = Request(HttpMethod.Get, path, []);
        using var response = await _http.SendAsync(request, Token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Token));
    }

    /// <summary>Runs statements in order through the HTTP SQL API; a failing statement fails the test.</summary>
    public async Task SqlAsync(string first, params string[] more)
    {
        foreach (var statement in more.Prepend(first))
        {
            await QueryAsync(statement);
        }
    }

    public async Task<JsonElement> QueryAsync(string statement)
    {
        using var request = Request(HttpMethod.Post, $"/api/query/default_cluster/{Database}", []);
        request.Content = JsonContent.Create(new { stmt = statement });
        using var response = await _http.SendAsync(request, Token);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var root = document.RootElement.Clone();
        Assert.True(root.GetProperty("code").GetInt32() == 0, $"{statement}: {root.GetRawText()}");
        return root;
    }

    /// <summary>What <c>get_load_state</c> says of <paramref name="label"/>.</summary>
    public async Task<string> StateAsync(string label)
    {
        var (_, text) = await GetAsync($"/api/{Database}/get_load_state?label={label}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("data").GetString()!;
    }

    /// <summary>Polls <c>get_load_state</c> until <paramref name="label"/> is in <paramref name="state"/> (30 s at most).</summary>
    public async Task WaitForStateAsync(string label, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string current;
        while ((current = await StateAsync(label)) != state)
        {
            Assert.True(DateTime.UtcNow < deadline, $"label {label} never reached {state}; it is {current}");
            await Task.Delay(50, Token);
        }
    }

    /// <summary>The rows of a query, each as its values joined by <c>|</c> (NULL as <c>NULL</c>).</summary>
    public async Task<List<string>> RowsAsync(string query)
    {
        var answer = await QueryAsync(query);
        return [.. answer.GetProperty("data").GetProperty("data").EnumerateArray().Select(row => string.Join('|', row.EnumerateArray().Select(Show)))];
    }

    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "NULL",
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };

    private static HttpRequestMessage Request(HttpMethod method, string path, IEnumerable<string> headers)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicAuthorization.Parameter("root:"));
        foreach (var header in headers)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            request.Headers.TryAddWithoutValidation(header[..colon].Trim(), header[(colon + 1)..].TrimStart());
        }

        return request;
    }

    private static async Task<LoadAnswer> Answer(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Token);
        using var document = JsonDocument.Parse(text);
        return new LoadAnswer(text, document.RootElement.Clone());
    }

    /// <summary>Drops the test's database and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!keepDatabase)
            {
                await SqlAsync($"DROP DATABASE IF EXISTS {Database}");
            }
        }
        finally
        {
            _http.Dispose();
        }
    }
}
