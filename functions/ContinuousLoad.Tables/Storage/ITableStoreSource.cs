namespace ContinuousLoad.Tables.Storage;

/// <summary>Hands out the configured table store, opening it on first use.</summary>
public interface ITableStoreSource
{
    ValueTask<ITableStore> GetAsync(CancellationToken cancellationToken);
}
