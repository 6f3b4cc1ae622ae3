using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Sql.Binding;

/// <summary>An expression with names resolved and types decided; operands already coerced to the types their operation needs.</summary>
public abstract record BoundExpression(DataType Type);
