using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Syntax.Queries;

namespace ContinuousLoad.Tables.Queries;

public sealed record BoundJoin(JoinKind Kind, BoundRelation Left, BoundRelation Right, BoundExpression? Condition) : BoundRelation;
