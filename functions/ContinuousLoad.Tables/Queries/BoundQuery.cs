using System.Collections.Immutable;

namespace ContinuousLoad.Tables.Queries;

/// <summary>A bound query: its body, ordering and limit; <see cref="Output"/> describes the rows it yields.</summary>
public sealed record BoundQuery(BoundQueryBody Body, ImmutableArray<BoundOrderItem> OrderBy, long? Limit, long Offset)
{
    public ImmutableArray<OutputColumn> Output => Body.Output;
}
