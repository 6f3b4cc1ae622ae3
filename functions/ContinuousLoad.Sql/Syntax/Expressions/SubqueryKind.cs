namespace ContinuousLoad.Sql.Syntax.Expressions;

public enum SubqueryKind
{
    Scalar,
    In,
    Exists,
}
