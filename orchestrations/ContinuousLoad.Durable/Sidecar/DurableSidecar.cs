using System.Net.Sockets;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContinuousLoad.Durable.Sidecar;

/// <summary>
/// The Durable Task sidecar inside the host: the SDK's official gRPC protocol (TaskHubSidecarService),
/// served by <see cref="TaskHubGrpcServer"/> over a DurableTask.Core backend, on a Unix domain socket
/// that only this machine's processes of the same user can open — there is no TCP port to reach from
/// elsewhere. The SDK's worker and client in the host talk to it through <see cref="Channel"/>.
/// See docs/durable.md for why the server is TaskHubGrpcServer and what this class adds to it.
/// </summary>
public sealed class DurableSidecar : IHostedService, IAsyncDisposable
{
    private readonly IOrchestrationService _backend;
    private readonly string _backendName;
    private readonly bool _dispatches;
    private readonly ILoggerFactory _loggers;
    private WebApplication? _server;
    private SidecarBackend? _sidecarBackend;

    /// <param name="dispatches">Whether work is dispatched to a worker; without, only the management API is served.</param>
    public DurableSidecar(IOrchestrationService backend, string backendName, bool dispatches, ILoggerFactory loggers)
    {
        _backend = backend;
        _backendName = backendName;
        _dispatches = dispatches;
        _loggers = loggers;
        // In the temporary folder, not the data directory: a socket path may have at most 107 bytes.
        SocketPath = Path.Combine(Path.GetTempPath(), SidecarSockets.NameFor(Environment.ProcessId));
        Channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectCallback = ConnectAsync },
            LoggerFactory = loggers,
            MaxReceiveMessageSize = null,
        });
    }

    /// <summary>The socket the sidecar listens on (owner-only permissions).</summary>
    public string SocketPath { get; }

    /// <summary>Every address the sidecar listens on, once started: its socket alone.</summary>
    public IReadOnlyCollection<string> Addresses => _server is null ? [] : [.. _server.Urls];

    /// <summary>A channel to the sidecar for the SDK's worker and client; it connects on first use.</summary>
    public GrpcChannel Channel { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        SidecarSockets.RemoveStale(Path.GetTempPath());
        File.Delete(SocketPath);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_loggers);
        // The host that owns the sidecar starts and stops it, and says once that it serves.
        builder.Services.AddSingleton<IHostLifetime, OwnedLifetime>();
        builder.WebHost.SuppressStatusMessages(true);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenUnixSocket(SocketPath, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = null);
        var backend = _sidecarBackend = new SidecarBackend(_backend, _loggers.CreateLogger<DurableSidecar>());
        builder.Services.AddSingleton<IOrchestrationService>(backend);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(backend);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        builder.Services.Configure<TaskHubGrpcServerOptions>(o =>
            o.Mode = _dispatches ? TaskHubGrpcServerMode.ApiServerAndDispatcher : TaskHubGrpcServerMode.ApiServerOnly);
        _server = builder.Build();
        _server.MapGrpcService<TaskHubGrpcServer>();
        await _backend.CreateIfNotExistsAsync();
        await _server.StartAsync(cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(SocketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        SidecarLog.Serving(_loggers.CreateLogger<DurableSidecar>(), SocketPath, _backendName);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken);
        }

        if (_sidecarBackend is { Started: true })
        {
            await _sidecarBackend.AbandonHeldAsync();
            await _sidecarBackend.StopAsync(isForced: false);
        }

        File.Delete(SocketPath);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_backend is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    /// <summary>No signal handling or status messages of its own: the owning host's lifetime is the sidecar's.</summary>
    private sealed class OwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
