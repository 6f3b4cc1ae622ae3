using System.Collections.Immutable;
using ContinuousLoad.Sql.Binding;

namespace ContinuousLoad.Tables.Queries;

/// <summary>
/// One SELECT. Expressions refer to the FROM row by ordinal (<see cref="BoundColumn"/>); in an
/// aggregated select, projections, HAVING and ORDER BY may hold <see cref="BoundAggregate"/> nodes.
/// </summary>
public sealed record BoundSelect(
    ImmutableArray<OutputColumn> Output,
    BoundRelation? From,
    BoundExpression? Where,
    ImmutableArray<BoundExpression> GroupBy,
    BoundExpression? Having,
    ImmutableArray<BoundExpression> Projections,
    bool Distinct,
    bool Aggregated) : BoundQueryBody(Output);
