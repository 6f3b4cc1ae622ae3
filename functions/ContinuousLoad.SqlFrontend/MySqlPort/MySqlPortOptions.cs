using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace ContinuousLoad.SqlFrontend.MySqlPort;

/// <summary>How the MySQL protocol port listens and what it allows a connection.</summary>
/// <param name="Endpoint">Where it listens (Doris's <c>query_port</c>, 9030 by default; port 0 picks a free one).</param>
/// <param name="MaxConnections">Connections served at once; one more gets error 1040 (Doris's <c>qe_max_connection</c>).</param>
/// <param name="IdleTimeout">How long a connection may wait between statements before it is closed (<c>wait_timeout</c>).</param>
/// <param name="WriteTimeout">How long a client may leave a result unread before the connection is closed (<c>net_write_timeout</c>).</param>
/// <param name="MaxPacketBytes">The longest statement a client may send (<c>max_allowed_packet</c>).</param>
/// <param name="Certificate">The server certificate for TLS; null: clients cannot ask for TLS.</param>
public sealed record MySqlPortOptions(
    IPEndPoint Endpoint,
    int MaxConnections,
    TimeSpan IdleTimeout,
    TimeSpan WriteTimeout,
    int MaxPacketBytes,
    X509Certificate2? Certificate)
{
    public const int DefaultPort = 9030;
    public const int DefaultMaxConnections = 1024;
    public const int DefaultMaxPacketBytes = 16 * 1024 * 1024;
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(28_800);
    public static readonly TimeSpan DefaultWriteTimeout = TimeSpan.FromSeconds(600);
}
