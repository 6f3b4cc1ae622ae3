using System.Collections.Immutable;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Sql.Binding;

/// <summary>A searched CASE (simple CASE is rewritten to equality conditions); results share <see cref="BoundExpression.Type"/>.</summary>
public sealed record BoundCase(ImmutableArray<BoundWhen> Whens, BoundExpression? Else, DataType Type) : BoundExpression(Type);
