namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// How a <see cref="BinlogClient"/> reads: the connection (an account with REPLICATION SLAVE, REPLICATION
/// CLIENT and SELECT), the server id it registers with (unique among the server's replicas), the heartbeat
/// period (a silent connection is declared lost after three periods), which tables to decode, and where
/// to stop (<see cref="StopAt"/>, or <see cref="NonBlocking"/>: end at the current end of the binlog).
/// </summary>
public sealed record BinlogStreamOptions(MySqlConnectionOptions Connection)
{
    public uint ServerId { get; init; } = 1_000_000 + (uint)Random.Shared.Next(1_000_000);

    public TimeSpan HeartbeatPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Tables whose rows are decoded (schema, table); others are skipped without decoding. Null: all.</summary>
    public Func<string, string, bool>? IncludeTable { get; init; }

    /// <summary>End the stream at the first event ending at or past this position.</summary>
    public BinlogPosition? StopAt { get; init; }

    /// <summary>Ask the server to end the stream at the current end of its binlog instead of waiting for more.</summary>
    public bool NonBlocking { get; init; }
}
