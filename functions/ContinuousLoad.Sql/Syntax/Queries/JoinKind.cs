namespace ContinuousLoad.Sql.Syntax.Queries;

public enum JoinKind
{
    Inner,
    Left,
    Right,
    Full,
    Cross,
}
