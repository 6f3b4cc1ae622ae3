using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tables.Writing;

/// <summary>
/// Puts rows into a range/list partitioned table's partitions: a row outside every partition — or
/// outside the ones a load names — is refused with Doris's reason. AUTO and dynamic partitions take
/// every row, so they need no routing.
/// </summary>
public sealed class PartitionRouter
{
    private readonly PartitionScheme? _scheme;
    private readonly HashSet<string>? _allowed;
    private readonly SqlValue[] _key;

    /// <param name="columns">The columns rows carry, in their order.</param>
    /// <param name="allowed">The partitions a load is limited to (its <c>partitions</c> header), or none for all.</param>
    /// <exception cref="DorisException">An allowed partition does not exist.</exception>
    public PartitionRouter(TableSchema table, IReadOnlyList<ColumnSchema> columns, IReadOnlyList<string>? allowed = null)
    {
        var scheme = table.Partitioning;
        foreach (var partition in allowed ?? [])
        {
            if (scheme?.Partitions.Any(p => p.Name.Equals(partition, StringComparison.OrdinalIgnoreCase)) != true)
            {
                throw new DorisException($"Unknown partition '{partition}' in table {table.Name}");
            }
        }

        _scheme = scheme is null || scheme.Auto || scheme.Dynamic ? null : scheme;
        KeyOrdinals = _scheme is null
            ? []
            : [.. _scheme.Columns.Select(name => columns.Select((c, i) => (c, i)).First(p => p.c.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).i)];
        _key = new SqlValue[KeyOrdinals.Length];
        _allowed = allowed is { Count: > 0 } ? new HashSet<string>(allowed, StringComparer.OrdinalIgnoreCase) : null;
    }

    /// <summary>Where the partition key's values sit in a row; empty when rows need no routing.</summary>
    public int[] KeyOrdinals { get; }

    /// <returns>Null when the row has a partition; otherwise why it is filtered.</returns>
    /// <param name="value">The row's value at a column ordinal.</param>
    public string? Check<TRow>(TRow row, Func<TRow, int, SqlValue> value)
    {
        if (_scheme is null)
        {
            return null;
        }

        for (var i = 0; i < KeyOrdinals.Length; i++)
        {
            _key[i] = value(row, KeyOrdinals[i]);
        }

        var partition = _scheme.Find(_key);
        return partition is not null && (_allowed is null || _allowed.Contains(partition))
            ? null
            : $"no partition for this tuple. tuple=({string.Join(", ", _key.Select(k => k.IsNull ? "NULL" : k.ToString()))})";
    }
}
