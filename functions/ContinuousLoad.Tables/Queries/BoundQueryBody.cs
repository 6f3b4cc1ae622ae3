using System.Collections.Immutable;

namespace ContinuousLoad.Tables.Queries;

public abstract record BoundQueryBody(ImmutableArray<OutputColumn> Output);
