using Npgsql;

namespace ContinuousLoad.Sources.Postgres.Replication;

/// <summary>
/// Server refusals the source explains in its own words (with the server's message and SQL state
/// kept): what happened and what to do about it. Anything else is passed on unchanged.
/// </summary>
internal static class ServerErrors
{
    public static Exception Translate(PostgresException e, string slot) => e.SqlState switch
    {
        "55000" when e.MessageText.Contains("wal_level", StringComparison.Ordinal) => new PostgresSourceException(
            PostgresSourceError.WalLevelNotLogical,
            $"Logical decoding is off on this server: {e.MessageText}. Set wal_level = logical (ALTER SYSTEM SET wal_level = logical) and restart PostgreSQL.",
            e.SqlState,
            e),
        "42501" or "28000" when e.MessageText.Contains("replication", StringComparison.OrdinalIgnoreCase) => MissingPrivilege(e.MessageText, e),
        "55006" => new PostgresSourceException(
            PostgresSourceError.SlotInUse,
            $"Replication slot '{slot}' is being read by another connection: {e.MessageText}. Stop the other reader (pg_terminate_backend on active_pid) or wait for it to finish.",
            e.SqlState,
            e),
        "53400" => TooManySlots(e.MessageText, e),
        "42704" when e.MessageText.Contains("slot", StringComparison.Ordinal) => new PostgresSourceException(
            PostgresSourceError.SlotMissing, $"Replication slot '{slot}' does not exist: {e.MessageText}. Create it (or let the source create its own) and take a new snapshot.", e.SqlState, e),
        _ => e,
    };

    public static PostgresSourceException MissingPrivilege(string detail, Exception? inner = null) => new(
        PostgresSourceError.MissingReplicationPrivilege,
        $"The user may not use logical replication: {detail}. Grant it with ALTER ROLE <user> WITH REPLICATION (and allow replication connections in pg_hba.conf).",
        (inner as PostgresException)?.SqlState,
        inner);

    public static PostgresSourceException TooManySlots(string detail, Exception? inner = null) => new(
        PostgresSourceError.TooManySlots,
        $"No replication slot is free: {detail}. Drop unused slots (SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active) or raise max_replication_slots and restart PostgreSQL.",
        (inner as PostgresException)?.SqlState,
        inner);
}
