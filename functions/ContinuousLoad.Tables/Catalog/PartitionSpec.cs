using System.Collections.Immutable;

namespace ContinuousLoad.Tables.Catalog;

/// <summary>
/// One partition with typed bounds. RANGE: [<see cref="Lower"/>, <see cref="Upper"/>), a null lower bound
/// meaning "from the lowest value". LIST: the value tuples in <see cref="Values"/>.
/// </summary>
public sealed record PartitionSpec(string Name, PartitionBound? Lower, PartitionBound? Upper, ImmutableArray<PartitionBound> Values);
