using System.Collections.Immutable;
using ContinuousLoad.Sql.Functions;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Sql.Binding;

public sealed record BoundCall(ScalarFunction Function, ImmutableArray<BoundExpression> Arguments, DataType Type) : BoundExpression(Type);
