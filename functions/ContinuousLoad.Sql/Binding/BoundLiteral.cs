using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Sql.Binding;

public sealed record BoundLiteral(SqlValue Value, DataType Type) : BoundExpression(Type)
{
    public static BoundLiteral Null(DataType type) => new(SqlValue.Null, type);
}
