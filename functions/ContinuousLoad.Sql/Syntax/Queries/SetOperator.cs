namespace ContinuousLoad.Sql.Syntax.Queries;

public enum SetOperator
{
    Union,
    Intersect,
    Except,
}
