namespace ContinuousLoad.Sql.Syntax.Queries;

/// <summary><c>left UNION [ALL|DISTINCT] right</c>, and INTERSECT / EXCEPT.</summary>
public sealed record SetOperationBody(SetOperator Operator, bool All, QueryBody Left, QueryBody Right) : QueryBody;
