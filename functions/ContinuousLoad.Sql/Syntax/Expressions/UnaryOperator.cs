namespace ContinuousLoad.Sql.Syntax.Expressions;

public enum UnaryOperator
{
    Negate,
    Plus,
    Not,
    BitNot,
}
