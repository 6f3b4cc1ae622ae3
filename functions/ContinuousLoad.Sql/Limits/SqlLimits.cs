namespace ContinuousLoad.Sql.Limits;

/// <summary>
/// What one statement or expression may cost the parser and every walker after it. The depth has a
/// ceiling of its own (<see cref="MaxExprDepthLimit"/>): walkers recurse once per level, and the
/// ceiling keeps the deepest allowed tree well inside a thread-pool thread's stack.
/// </summary>
/// <param name="ExprDepthLimit">Doris's <c>expr_depth_limit</c>: levels of one expression tree, subqueries included.</param>
/// <param name="ExprChildrenLimit">Doris's <c>expr_children_limit</c>: leaves of one expression (IN lists, CASE arms, arguments).</param>
/// <param name="MaxStatementLength">Characters of one statement or header expression (Doris bounds a statement by <c>max_allowed_packet</c>).</param>
public sealed record SqlLimits(int ExprDepthLimit, int ExprChildrenLimit, int MaxStatementLength)
{
    /// <summary>
    /// The deepest tree any caller may allow. Measured on a 1.5 MB thread-pool stack, the costliest
    /// walker (the SQL writer) needs about 1.1 KB a level; 1000 levels leave a third of the stack free.
    /// SQLite refuses deeper expressions itself (SQLITE_MAX_EXPR_DEPTH is 1000).
    /// </summary>
    public const int MaxExprDepthLimit = 1000;

    /// <summary>The defaults of a host that configures nothing.</summary>
    public static SqlLimits Default { get; } = new(MaxExprDepthLimit, 10_000, 4 * 1024 * 1024);

    /// <summary>
    /// For text this service wrote itself (stored job SQL, stored DDL): it was checked against the
    /// limits in force when it was accepted, so only the stack ceiling applies when it is read back.
    /// </summary>
    public static SqlLimits Trusted { get; } = new(MaxExprDepthLimit, int.MaxValue, int.MaxValue);
}
