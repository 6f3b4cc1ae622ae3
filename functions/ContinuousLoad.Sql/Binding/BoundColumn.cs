using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Sql.Binding;

/// <summary>The value at <see cref="Ordinal"/> of the row the scope describes.</summary>
public sealed record BoundColumn(int Ordinal, string Name, DataType Type) : BoundExpression(Type);
