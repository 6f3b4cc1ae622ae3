using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres.Changes;
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

    /// <summary>The tables the source reads, as its options name them.</summary>
    public IReadOnlyList<TableName> Tables => options.Tables;

    public PgTypeCatalog Types { get; } = new(SessionSettings.Apply(options.ConnectionString, "continuousload-types"));

    /// <summary>Checks wal_level and the REPLICATION attribute and reads the tables, creating nothing; a user's publication and slot must exist.</summary>
    /// <returns>The tables, as the catalog describes them.</returns>
    public async Task<IReadOnlyList<TableMetadata>> CheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var tables = await ReadTablesAsync(connection, cancellationToken);
        if (!options.Target.OwnsPublication)
        {
            await PublicationManager.VerifyUserAsync(connection, options.Target.PublicationName, options.Tables, cancellationToken);
        }

        await RequireUserSlotAsync(connection, cancellationToken);
        return tables;
    }

    /// <summary>Checks as <see cref="CheckAsync(CancellationToken)"/>; creates or extends our publication, or verifies the user's.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ReadTablesAsync(connection, cancellationToken);
        if (options.Target.OwnsPublication)
        {
            await PublicationManager.EnsureOwnedAsync(connection, options.Target.PublicationName, options.Tables, cancellationToken);
        }
        else
        {
            await PublicationManager.VerifyUserAsync(connection, options.Target.PublicationName, options.Tables, cancellationToken);
        }

        await RequireUserSlotAsync(connection, cancellationToken);
    }

    private async Task<IReadOnlyList<TableMetadata>> ReadTablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await ReplicationPreflight.CheckServerAsync(connection, cancellationToken);
        var tables = new List<TableMetadata>();
        foreach (var table in options.Tables)
        {
            tables.Add(await MetadataReader.ReadTableAsync(connection, table, cancellationToken));
        }

        return tables;
    }

    private async Task RequireUserSlotAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
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

    /// <summary>
    /// Creates our slot, without a snapshot, where the WAL stands now (its changes begin there); a slot that
    /// already exists is kept. Returns where the slot is confirmed.
    /// </summary>
    public async Task<Lsn> EnsureSlotAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await OpenAsync(cancellationToken))
        {
            if (!options.Target.OwnsSlot || await SlotManager.FindAsync(connection, options.Target.SlotName, cancellationToken) is not null)
            {
                return (await RequireSlotAsync(connection, cancellationToken)).ConfirmedFlushLsn ?? Lsn.Zero;
            }

            await ReplicationPreflight.CheckSlotAvailableAsync(connection, cancellationToken);
        }

        await using var created = await SlotManager.CreateWithSnapshotAsync(_replicationConnectionString, options.Target.SlotName, cancellationToken);
        return created.ConsistentPoint;
    }

    /// <summary>
    /// The slot's changes from where it is confirmed, without consuming them (see <see cref="SlotPeek"/>):
    /// the transactions committed before <paramref name="before"/>, or all committed so far; at most about
    /// <paramref name="messages"/> protocol messages, ending at a commit. No stream may read the slot meanwhile.
    /// </summary>
    public async IAsyncEnumerable<SourceChange<PgPoint>> PeekAsync(Lsn? before, long? messages,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await foreach (var change in SlotPeek.ReadAsync(connection, Types, options.Target.SlotName, options.Target.PublicationName, before, messages, cancellationToken))
        {
            yield return change;
        }
    }

    /// <summary>The transactions <see cref="PeekAsync"/> would read, summed up without decoding their rows (see <see cref="PeekedTransaction"/>).</summary>
    public async IAsyncEnumerable<PeekedTransaction> PeekTransactionsAsync(Lsn? before, long? messages,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await foreach (var transaction in SlotPeek.ScanAsync(connection, options.Target.SlotName, options.Target.PublicationName, before, messages, cancellationToken))
        {
            yield return transaction;
        }
    }

    /// <summary>The database as of one exact LSN, to read key ranges of the tables from (see <see cref="RangeSnapshot"/>).</summary>
    public Task<RangeSnapshot> OpenRangeSnapshotAsync(CancellationToken cancellationToken) =>
        RangeSnapshot.OpenAsync(_replicationConnectionString, OpenSnapshotReaderAsync, cancellationToken);

    /// <summary>The tables (ordinary and partitioned roots) of <paramref name="schema"/>, by name, now: which a source of a whole schema reads.</summary>
    public static async Task<IReadOnlyList<string>> ListTablesAsync(string connectionString, string schema, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(SessionSettings.Apply(connectionString, "continuousload-source"));
        await connection.OpenAsync(cancellationToken);
        return await MetadataReader.ListTablesAsync(connection, schema, cancellationToken);
    }

    /// <summary>The primary keys of the tables of <paramref name="schema"/>, now, in one query.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadPrimaryKeysAsync(string schema, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await MetadataReader.ReadPrimaryKeysAsync(connection, schema, cancellationToken);
    }

    /// <summary>The rows of each table of <paramref name="schema"/> as the planner estimates them, in one query.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReadRowEstimatesAsync(string schema, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await MetadataReader.ReadRowEstimatesAsync(connection, schema, cancellationToken);
    }

    /// <summary>How many rows <paramref name="table"/> holds now, counted up to <paramref name="atMost"/>.</summary>
    public async Task<long> CountRowsAsync(TableName table, long atMost, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await MetadataReader.CountRowsAsync(connection, table, atMost, cancellationToken);
    }

    /// <summary>The table as the catalog describes it now.</summary>
    public async Task<TableMetadata> ReadTableAsync(TableName table, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await MetadataReader.ReadTableAsync(connection, table, cancellationToken);
    }

    /// <summary>The primary key (as text) of the row <paramref name="rows"/> rows after <paramref name="after"/> in key order, now; null when fewer rows follow.</summary>
    public async Task<IReadOnlyList<string>?> FindRangeEndAsync(TableMetadata table, IReadOnlyList<string>? after, int rows, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(KeysetSql.ChunkEnd(table, after, rows), connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var end = new string[reader.FieldCount];
        for (var i = 0; i < end.Length; i++)
        {
            end[i] = reader.GetString(i);
        }

        return end;
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
