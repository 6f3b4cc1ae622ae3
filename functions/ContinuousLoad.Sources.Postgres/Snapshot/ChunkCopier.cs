using ContinuousLoad.Sources.Postgres.Values;
using ContinuousLoad.Sources.Postgres.Wire;
using Npgsql;

namespace ContinuousLoad.Sources.Postgres.Snapshot;

/// <summary>
/// A connection inside the slot's exported snapshot that reads chunks as binary COPY over
/// <see cref="WireConnection"/>. Each call runs on a thread of its own: the socket reads block there, and a
/// row callback that does not complete at once is waited for there, so neither holds a thread-pool thread
/// nor pays for an async hop per row.
/// </summary>
internal sealed class ChunkCopier : IDisposable
{
    private readonly WireConnection _connection;

    private ChunkCopier(WireConnection connection) => _connection = connection;

    public static Task<ChunkCopier> OpenAsync(string connectionString, string snapshotName, CancellationToken cancellationToken) => OnOwnThread(() =>
    {
        var connection = WireConnection.Open(WireSettings.Parse(SessionSettings.Apply(connectionString, "continuousload-snapshot")), cancellationToken);
        try
        {
            connection.Execute(SnapshotTransaction.Begin(snapshotName), cancellationToken);
            return new ChunkCopier(connection);
        }
        catch (PostgresException e) when (SnapshotTransaction.IsExpired(e))
        {
            connection.Dispose();
            throw SnapshotTransaction.Expired(snapshotName, e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    });

    /// <summary>Runs <paramref name="copySql"/> (a binary COPY TO STDOUT) and hands each row to <paramref name="onRow"/>; returns the row count.</summary>
    public Task<long> CopyAsync(string copySql, IReadOnlyList<PgTypeInfo> types, Func<SnapshotRow, ValueTask> onRow, CancellationToken cancellationToken) => OnOwnThread(() =>
    {
        using var stream = _connection.CopyOut(copySql, cancellationToken);
        using var rows = new BinaryCopyRowReader(stream, types);
        long count = 0;
        while (rows.Read())
        {
            var handled = onRow(rows.Current);
            if (!handled.IsCompletedSuccessfully)
            {
                handled.AsTask().GetAwaiter().GetResult();
            }

            count++;
        }

        stream.Complete();
        return count;
    });

    private static Task<T> OnOwnThread<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public void Dispose() => _connection.Dispose();
}
