namespace ContinuousLoad.Sql.Limits;

/// <summary>
/// A statement within the language but beyond what one request may cost: too deep, too wide, too long,
/// or stopped by its timeout or scan limit. The message is the one Doris gives where Doris has one.
/// </summary>
public sealed class SqlLimitException(string message) : Exception(message)
{
    public static SqlLimitException DepthExceeded(int limit) => new($"Exceeded the maximum depth of an expression tree ({limit}).");

    public static SqlLimitException ChildrenExceeded(int limit) => new($"Exceeded the maximum children of an expression tree ({limit}).");

    /// <summary>Doris's words when <c>query_timeout</c> (or <c>insert_timeout</c>) stops a statement.</summary>
    public static SqlLimitException TimedOut(int seconds) => new($"Query exceeded time limit of {seconds} seconds");

    /// <summary><c>max_scan_rows</c> stopped a query as it read (SQLite) or refused it by the planner's estimate (PostgreSQL).</summary>
    public static SqlLimitException ScannedTooMany(long limit, long? estimate = null) => new(estimate is { } rows
        ? $"The query would read about {rows} rows by the planner's estimate, more than max_scan_rows ({limit}); narrow it, or raise the limit, e.g. /*+ SET_VAR(max_scan_rows = 0) */"
        : $"The query read more than {limit} rows, the limit set by max_scan_rows; narrow it, or raise the limit, e.g. /*+ SET_VAR(max_scan_rows = 0) */");

    public static SqlLimitException StatementTooLong(int length, int limit) =>
        new($"The statement is {length} characters long, more than the limit of {limit} (ContinuousLoad:Limits:MaxStatementLength).");
}
