namespace ContinuousLoad.Sql.Limits;

/// <summary>
/// A statement within the language but beyond what one request may cost: too deep, too wide, too long,
/// or stopped by its timeout or scan limit. The message is the one Doris gives where Doris has one.
/// </summary>
public sealed class SqlLimitException(string message) : Exception(message)
{
    public static SqlLimitException DepthExceeded(int limit) => new($"Exceeded the maximum depth of an expression tree ({limit}).");

    public static SqlLimitException ChildrenExceeded(int limit) => new($"Exceeded the maximum children of an expression tree ({limit}).");

    public static SqlLimitException StatementTooLong(int length, int limit) =>
        new($"The statement is {length} characters long, more than the limit of {limit} (ContinuousLoad:Limits:MaxStatementLength).");
}
