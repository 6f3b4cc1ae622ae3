using ContinuousLoad.Sources.Postgres.Replication;
using ContinuousLoad.Sources.Postgres.Streaming;

namespace ContinuousLoad.Sources.Postgres;

/// <summary>What a source reads: the server, the tables, and the slot and publication to read them through.</summary>
public sealed record PostgresSourceOptions(string ConnectionString, IReadOnlyList<TableName> Tables, ReplicationTarget Target)
{
    public ChangeStreamOptions Stream { get; init; } = new();
}
