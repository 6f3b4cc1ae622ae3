using ContinuousLoad.Sql.Syntax.Expressions;

namespace ContinuousLoad.Sql.Syntax.Queries;

/// <summary><c>left [INNER|LEFT|RIGHT|FULL|CROSS] JOIN right [ON condition | USING (columns)]</c>.</summary>
public sealed record JoinTableSource(JoinKind Kind, TableSource Left, TableSource Right, Expression? On, NodeList<string> Using) : TableSource;
