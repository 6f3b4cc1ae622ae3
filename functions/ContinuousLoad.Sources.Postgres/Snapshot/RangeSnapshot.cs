using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres.Changes;
using ContinuousLoad.Sources.Postgres.Metadata;
using ContinuousLoad.Sources.Postgres.Replication;

namespace ContinuousLoad.Sources.Postgres.Snapshot;

/// <summary>
/// The database exactly as of one LSN, for reading a key range of a table: a temporary slot is created
/// with an exported snapshot (so <see cref="ConsistentPoint"/> is exact: transactions whose commit lies
/// before it are in the snapshot, later ones are not), and a reader imports that snapshot. A range read
/// here joins a slot's changes without a gap or an overlap: apply the changes committed before
/// <see cref="ConsistentPoint"/>, then these rows. The temporary slot goes with <see cref="DisposeAsync"/>
/// (or with the connection, if the process dies), so nothing is left behind on the server.
/// </summary>
public sealed class RangeSnapshot : IAsyncDisposable
{
    private readonly ExportedSnapshot _exported;
    private readonly SnapshotReader _reader;

    private RangeSnapshot(ExportedSnapshot exported, SnapshotReader reader) => (_exported, _reader) = (exported, reader);

    public Lsn ConsistentPoint => _exported.ConsistentPoint;

    internal static async Task<RangeSnapshot> OpenAsync(string replicationConnectionString, Func<string, CancellationToken, Task<SnapshotReader>> openReader,
        CancellationToken cancellationToken)
    {
        var exported = await SlotManager.CreateWithSnapshotAsync(replicationConnectionString, "cl_range_" + Guid.NewGuid().ToString("N"), cancellationToken,
            temporary: true);
        try
        {
            return new RangeSnapshot(exported, await openReader(exported.SnapshotName, cancellationToken));
        }
        catch
        {
            await exported.DisposeAsync();
            throw;
        }
    }

    public Task<TableMetadata> ReadTableAsync(TableName table, CancellationToken cancellationToken) => _reader.ReadTableAsync(table, cancellationToken);

    /// <summary>
    /// The rows whose primary key is after <paramref name="after"/> and at most <paramref name="upTo"/> (null:
    /// unbounded), in key order, as inserts positioned at <see cref="ConsistentPoint"/>.
    /// </summary>
    public async IAsyncEnumerable<RowInserted<PgPoint>> ReadRangeAsync(TableMetadata table, IReadOnlyList<string>? after, IReadOnlyList<string>? upTo,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var types = await _reader.ColumnTypesAsync(table, cancellationToken);
        var relation = new RelationSchema(table.RelationId, table.Name, table.ReplicaIdentity,
            [.. table.Columns.Select((c, i) => new RelationColumn(c.Name, c.TypeOid, c.TypeModifier, c.PrimaryKeyPosition > 0, types[i]))]);
        var position = new PgPoint(0, ConsistentPoint);
        var time = DateTimeOffset.UtcNow;

        // The reader hands rows to a callback; a bounded channel turns that into a stream the consumer pulls at its own pace.
        var rows = Channel.CreateBounded<object?[]>(new BoundedChannelOptions(1024) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(async () =>
        {
            try
            {
                await _reader.ReadChunkAsync(table, new KeysetChunk(0, after, upTo), row => rows.Writer.WriteAsync(row.ToArray(), stop.Token), stop.Token);
                rows.Writer.Complete();
            }
            catch (Exception e)
            {
                rows.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var values in rows.Reader.ReadAllAsync(cancellationToken))
            {
                yield return new RowInserted<PgPoint>(position, time, new RowImage(relation, values));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await reading;
        }
    }

    /// <summary>
    /// <paramref name="image"/> with the values it lacks (unchanged TOAST values) taken from its row as of <see cref="ConsistentPoint"/>,
    /// or <paramref name="image"/> itself when it lacks none or the row is gone by then. A change before the point is filled with
    /// values at least as new as its own: any later change of them, up to the point, comes after it with its own values.
    /// </summary>
    public async Task<RowImage> FillAsync(TableMetadata table, RowImage image, CancellationToken cancellationToken)
    {
        var missing = Enumerable.Range(0, image.Count).Where(image.IsUnchangedToast).ToList();
        var key = new string[table.PrimaryKey.Count];
        for (var i = 0; i < key.Length; i++)
        {
            if (!image.TryGetText(image.Relation.IndexOf(table.PrimaryKey[i].Name), out var text))
            {
                return image;
            }

            key[i] = System.Text.Encoding.UTF8.GetString(text);
        }

        if (missing.Count == 0 || await _reader.ReadRowAsync(table, key, cancellationToken) is not { } row || row.Length != image.Count)
        {
            return image;
        }

        var values = new object?[image.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = image.IsUnchangedToast(i) ? row[i] : image[i];
        }

        return new RowImage(image.Relation, values, image.IsKeyOnly);
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _exported.DisposeAsync();
    }
}
