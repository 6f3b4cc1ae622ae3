using ContinuousLoad.Functions.Configuration;
using ContinuousLoad.Tables.Postgres;
using ContinuousLoad.Tables.Sqlite;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Functions.Tables;

/// <summary>
/// The configured table store, opened on first use: SQLite at once; PostgreSQL when first needed, so
/// the host starts (and reports health) while the database is still coming up. A failed open is retried.
/// </summary>
public sealed class TableStoreProvider(ContinuousLoadSettings settings) : ITableStoreSource, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ITableStore? _store;

    public async ValueTask<ITableStore> GetAsync(CancellationToken cancellationToken)
    {
        if (_store is { } store)
        {
            return store;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _store ??= settings.Tables.Kind == StoreKind.Postgres
                ? await PostgresTableStore.OpenAsync(settings.Tables.ConnectionString!, cancellationToken)
                : new SqliteTableStore(settings.DataDirectory);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _gate.Dispose();
    }
}
