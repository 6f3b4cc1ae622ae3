using System.Collections.Immutable;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Tables.Catalog;

/// <summary>A tuple of partition-key values; <see cref="IsMax"/> stands for MAXVALUE (above everything).</summary>
public sealed record PartitionBound(ImmutableArray<SqlValue> Values, bool IsMax = false)
{
    public static PartitionBound Max { get; } = new([], IsMax: true);
}
