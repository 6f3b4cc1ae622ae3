using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ContinuousLoad.IntegrationTests.Host;

/// <summary>The function app (or another app of ours) as a real process, for start-up and crash tests.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private HostProcess(Process process, string url)
    {
        _process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Url { get; }

    public int ExitCode => _process.ExitCode;

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time the process has used so far, user and system together.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the app in <paramref name="workingDirectory"/>, listening on <paramref name="url"/> (a free loopback port when null).</summary>
    public static HostProcess Start(string workingDirectory, string? url = null, params string[] arguments)
    {
        url ??= $"http://127.0.0.1:{FreeLoopbackPort()}";
        return StartApp("ContinuousLoad.Functions.dll", workingDirectory, [$"--ContinuousLoad:ListenUrl={url}", "--ContinuousLoad:MySqlPort:Port=0", .. arguments], url: url);
    }

    /// <summary>Starts another app built next to the tests (<c>dotnet &lt;dll&gt; arguments</c>) with extra environment variables.</summary>
    public static HostProcess StartApp(string dll, string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        string url = "")
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, dll) },
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new HostProcess(Process.Start(start) ?? throw new InvalidOperationException($"{dll} did not start"), url);
    }

    /// <summary>Waits until the process has printed <paramref name="text"/>; false when it exits or time runs out.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || deadline.Elapsed > within)
            {
                return false;
            }

            await Task.Delay(20, cancellationToken);
        }

        return true;
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls <c>/api/health</c> until it answers 200; false when the process exits or time runs out.</summary>
    public async Task<bool> WaitHealthyAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within && !_process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync($"{Url}/api/health", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One slow probe; try again.
            }

            await Task.Delay(50, cancellationToken);
        }

        return false;
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Ends the process abruptly, as a crash or SIGKILL would.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
