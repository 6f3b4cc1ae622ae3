using ContinuousLoad.Sources.Postgres.Metadata;
using ContinuousLoad.Sources.Postgres.Replication;
using ContinuousLoad.Sources.Postgres.Snapshot;
using ContinuousLoad.Sources.Postgres.Streaming;
using ContinuousLoad.Sources.Postgres.Values;
using Npgsql;

namespace ContinuousLoad.Sources.Postgres;

/// <summary>
/// A PostgreSQL source: checks the server, keeps the publication, creates the slot with its snapshot,
/// reads that snapshot in chunks and then the slot's changes. The first run is
/// <see cref="PrepareAsync"/> → <see cref="CreateSlotAsync"/> → snapshot chunks (<see cref="ReadSnapshotAsync"/>)
/// → dispose the <see cref="ExportedSnapshot"/> → <see cref="OpenStreamAsync"/> from its consistent point;
/// later runs open the stream from the position they committed.
/// </summary>
public sealed class PostgresSource(PostgresSourceOptions options)
{
    private readonly string _connectionString = SessionSettings.Apply(options.ConnectionString, "continuousload-source");
    private readonly string _replicationConnectionString = SessionSettings.ApplyToReplication(options.ConnectionString);

    public ReplicationTarget Target => options.Target;

    public PgTypeCatalog Types { get; } = new(SessionSettings.Apply(options.ConnectionString, "continuousload-types"));

    /// <summary>Checks wal_level and the REPLICATION attribute; creates or extends our publication, or verifies the user's; verifies a user's slot.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ReplicationPreflight.CheckServerAsync(connection, cancellationToken);
        foreach (var table in options.Tables)
        {
            await MetadataReader.ReadTableAsync(connection, table, cancellationToken);
        }

        if (options.Target.OwnsPublication)
        {
            await PublicationManager.EnsureOwnedAsync(connection, options.Target.PublicationName, options.Tables, cancellationToken);
        }
        else
        {
            await PublicationManager.VerifyUserAsync(connection, options.Target.PublicationName, options.Tables, cancellationToken);
        }

        if (!options.Target.OwnsSlot)
        {
            await RequireSlotAsync(connection, cancellationToken);
        }
    }

    /// <summary>The slot as pg_replication_slots shows it, or null when it does not exist.</summary>
    public async Task<SlotState?> FindSlotAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await SlotManager.FindAsync(connection, options.Target.SlotName, cancellationToken);
    }

    /// <summary>Creates our slot with an exported snapshot (keep the result open while reading the snapshot).</summary>
    public async Task<ExportedSnapshot> CreateSlotAsync(CancellationToken cancellationToken)
    {
        if (!options.Target.OwnsSlot)
        {
            throw new InvalidOperationException($"Slot '{options.Target.SlotName}' was supplied by the user; the source does not create it.");
        }

        await using (var connection = await OpenAsync(cancellationToken))
        {
            await ReplicationPreflight.CheckServerAsync(connection, cancellationToken);
            if (await SlotManager.FindAsync(connection, options.Target.SlotName, cancellationToken) is not null)
            {
                throw new InvalidOperationException($"Slot '{options.Target.SlotName}' already exists; resume from it with OpenStreamAsync, or drop it to take a new snapshot.");
            }

            await ReplicationPreflight.CheckSlotAvailableAsync(connection, cancellationToken);
        }

        return await SlotManager.CreateWithSnapshotAsync(_replicationConnectionString, options.Target.SlotName, cancellationToken);
    }

    public Task<SnapshotReader> OpenSnapshotReaderAsync(string snapshotName, CancellationToken cancellationToken) =>
        SnapshotReader.OpenAsync(options.ConnectionString, snapshotName, Types, cancellationToken);

    /// <summary>Reads a table of the snapshot with <paramref name="degree"/> parallel readers (see <see cref="ParallelSnapshot"/>).</summary>
    public Task ReadSnapshotAsync(
        ExportedSnapshot snapshot,
        TableName table,
        int chunkSize,
        int degree,
        Func<KeysetChunk, SnapshotRow, ValueTask> onRow,
        Func<KeysetChunk, ValueTask> onChunkDone,
        CancellationToken cancellationToken,
        IReadOnlyList<string>? after = null) =>
        ParallelSnapshot.ReadTableAsync(options.ConnectionString, snapshot.SnapshotName, Types, table, chunkSize, degree, after, onRow, onChunkDone, cancellationToken);

    /// <summary>A change stream over the slot; refuses clearly when the slot is missing or read by someone else.</summary>
    public async Task<ChangeStream> OpenStreamAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var slot = await RequireSlotAsync(connection, cancellationToken);
        await ReplicationPreflight.CheckSlotFreeAsync(connection, slot, cancellationToken);
        return new ChangeStream(_replicationConnectionString, Types, options.Target.SlotName, options.Target.PublicationName, options.Stream);
    }

    /// <summary>
    /// Confirms the slot up to <paramref name="lsn"/> — what the consumer has made durable — while no stream
    /// reads it, so the server can free the WAL before it. A slot already past it is left where it is.
    /// </summary>
    public async Task ConfirmAsync(Lsn lsn, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await SlotManager.AdvanceAsync(connection, options.Target.SlotName, lsn, cancellationToken);
    }

    /// <summary>Drops what is ours (slot, publication); a user's slot and publication are left alone.</summary>
    public async Task DropOwnedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (options.Target.OwnsSlot)
        {
            await SlotManager.DropAsync(connection, options.Target.SlotName, cancellationToken);
        }

        if (options.Target.OwnsPublication)
        {
            await PublicationManager.DropAsync(connection, options.Target.PublicationName, cancellationToken);
        }
    }

    private async Task<SlotState> RequireSlotAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var slot = await SlotManager.FindAsync(connection, options.Target.SlotName, cancellationToken) ?? throw new PostgresSourceException(
            PostgresSourceError.SlotMissing,
            $"Replication slot '{options.Target.SlotName}' does not exist. Create it (SELECT pg_create_logical_replication_slot('{options.Target.SlotName}', 'pgoutput')) or let the source own its slot.");
        if (slot.Plugin != "pgoutput")
        {
            throw new PostgresSourceException(
                PostgresSourceError.SlotPluginMismatch,
                $"Replication slot '{slot.Name}' decodes with '{slot.Plugin ?? "(physical)"}', the source reads 'pgoutput' slots. Create a pgoutput slot.");
        }

        if (slot.Database is { } database && database != connection.Database)
        {
            throw new PostgresSourceException(PostgresSourceError.SlotMissing, $"Replication slot '{slot.Name}' belongs to database '{database}', not '{connection.Database}'.");
        }

        return slot;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
