namespace ContinuousLoad.Sources.Postgres.Streaming;

/// <summary>How often the stream reports progress, and how it rides out a lost connection.</summary>
public sealed record ChangeStreamOptions
{
    /// <summary>Status updates (acknowledged position, idle advancement) are sent at least this often.</summary>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Move the slot to the server's position while idle (nothing delivered is unacknowledged), so the
    /// slot does not pin WAL while only unwatched tables change. See docs/postgres-source.md.
    /// </summary>
    public bool AdvanceWhileIdle { get; init; } = true;

    /// <summary>How long to keep reconnecting after the connection drops (server restart, network) before giving up.</summary>
    public TimeSpan ReconnectFor { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>No message, keepalive included, for this long means the connection is dead (the server pings every wal_sender_timeout / 2).</summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
