using Npgsql;
using Npgsql.Replication;
using Npgsql.Replication.PgOutput;

namespace ContinuousLoad.Sources.Postgres.Replication;

/// <summary>Finds, creates (with an exported snapshot) and drops pgoutput slots.</summary>
internal static class SlotManager
{
    public static async Task<SlotState?> FindAsync(NpgsqlConnection connection, string slot, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT plugin, database, confirmed_flush_lsn::text, restart_lsn::text, active_pid FROM pg_replication_slots WHERE slot_name = $1", connection)
        {
            Parameters = { new() { Value = slot } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new SlotState(
            slot,
            reader.IsDBNull(0) ? null : reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : Lsn.Parse(reader.GetString(2)),
            reader.IsDBNull(3) ? null : Lsn.Parse(reader.GetString(3)),
            reader.IsDBNull(4) ? null : reader.GetInt32(4));
    }

    /// <summary>
    /// Creates the slot on a replication connection with EXPORT_SNAPSHOT and keeps the connection open,
    /// so snapshot readers can SET TRANSACTION SNAPSHOT to the slot's consistent point. A temporary slot
    /// lives only as long as that connection: it is created for its snapshot and consistent point alone.
    /// </summary>
    public static async Task<ExportedSnapshot> CreateWithSnapshotAsync(string replicationConnectionString, string slot, CancellationToken cancellationToken,
        bool temporary = false)
    {
        var connection = new LogicalReplicationConnection(replicationConnectionString);
        try
        {
            await connection.Open(cancellationToken);
            var created = await connection.CreatePgOutputReplicationSlot(slot, temporarySlot: temporary, LogicalSlotSnapshotInitMode.Export, cancellationToken: cancellationToken);
            return new ExportedSnapshot(connection, created.Name, Lsn.FromNpgsql(created.ConsistentPoint), created.SnapshotName
                ?? throw new PostgresSourceException(PostgresSourceError.ProtocolViolation, $"The server created slot '{slot}' without exporting a snapshot."));
        }
        catch (PostgresException e)
        {
            await connection.DisposeAsync();
            throw ServerErrors.Translate(e, slot);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static async Task DropAsync(NpgsqlConnection connection, string slot, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1", connection)
        {
            Parameters = { new() { Value = slot } },
        };
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e)
        {
            throw ServerErrors.Translate(e, slot);
        }
    }

    /// <summary>
    /// Confirms the slot up to <paramref name="lsn"/> (never back): the server may then free the WAL before
    /// it. Only while no stream reads the slot (the server refuses to move an active one).
    /// </summary>
    public static async Task AdvanceAsync(NpgsqlConnection connection, string slot, Lsn lsn, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT pg_replication_slot_advance(slot_name, $2::pg_lsn) FROM pg_replication_slots WHERE slot_name = $1 AND confirmed_flush_lsn < $2::pg_lsn", connection)
        {
            Parameters = { new() { Value = slot }, new() { Value = lsn.ToString() } },
        };
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e)
        {
            throw ServerErrors.Translate(e, slot);
        }
    }
}
