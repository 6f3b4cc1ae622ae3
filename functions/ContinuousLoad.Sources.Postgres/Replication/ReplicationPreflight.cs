using Npgsql;

namespace ContinuousLoad.Sources.Postgres.Replication;

/// <summary>
/// Checks made before touching slots, so the user reads "set wal_level = logical" rather than a
/// walsender error later: the WAL level, the REPLICATION attribute, a free slot, the slot not in use.
/// </summary>
internal static class ReplicationPreflight
{
    public static async Task CheckServerAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var walLevel = await ScalarAsync<string>(connection, "SELECT current_setting('wal_level')", null, cancellationToken);
        if (walLevel != "logical")
        {
            throw new PostgresSourceException(
                PostgresSourceError.WalLevelNotLogical,
                $"wal_level is '{walLevel}', logical replication needs 'logical'. Run ALTER SYSTEM SET wal_level = logical and restart PostgreSQL.");
        }

        var mayReplicate = await ScalarAsync<bool>(
            connection, "SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user", null, cancellationToken);
        if (!mayReplicate)
        {
            throw ServerErrors.MissingPrivilege($"role '{connection.UserName}' has neither REPLICATION nor SUPERUSER");
        }
    }

    /// <summary>
    /// Refuses a slot another process reads. A reader that just closed its connection holds the slot
    /// for a moment longer (its walsender is still exiting), so a few seconds are allowed for that.
    /// </summary>
    public static async Task CheckSlotFreeAsync(NpgsqlConnection connection, SlotState slot, CancellationToken cancellationToken)
    {
        for (var wait = 0; slot.ActivePid is not null && wait < 50; wait++)
        {
            await Task.Delay(100, cancellationToken);
            slot = await SlotManager.FindAsync(connection, slot.Name, cancellationToken) ?? slot with { ActivePid = null };
        }

        if (slot.ActivePid is { } pid)
        {
            throw new PostgresSourceException(
                PostgresSourceError.SlotInUse,
                $"Replication slot '{slot.Name}' is being read by process {pid} (pg_replication_slots.active_pid). Stop the other reader (SELECT pg_terminate_backend({pid})) or wait for it to finish.");
        }
    }

    public static async Task CheckSlotAvailableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var used = await ScalarAsync<long>(connection, "SELECT count(*) FROM pg_replication_slots", null, cancellationToken);
        var max = int.Parse(
            await ScalarAsync<string>(connection, "SELECT current_setting('max_replication_slots')", null, cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture);
        if (used >= max)
        {
            throw ServerErrors.TooManySlots($"{used} of max_replication_slots = {max} are taken");
        }
    }

    internal static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, object? parameter, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
