using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Tables.Queries;

/// <summary>An aggregate over the group's rows; <see cref="Separator"/> is GROUP_CONCAT's.</summary>
public sealed record BoundAggregate(AggregateKind Kind, BoundExpression? Argument, bool Distinct, string Separator, DataType Type)
    : BoundExpression(Type);
