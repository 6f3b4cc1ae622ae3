namespace ContinuousLoad.Sources.Postgres.Replication;

/// <summary>A row of pg_replication_slots, as far as the source cares.</summary>
public sealed record SlotState(string Name, string? Plugin, string? Database, Lsn? ConfirmedFlushLsn, Lsn? RestartLsn, int? ActivePid);
