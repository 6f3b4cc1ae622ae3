using System.Runtime.CompilerServices;

namespace ContinuousLoad.Sql.Limits;

/// <summary>
/// The backstop of every walker that recurses over a syntax or bound tree. Trees are bounded by
/// <see cref="SqlLimits.ExprDepthLimit"/> when they are parsed, so this never fires on a normal thread;
/// should a deep tree meet a small stack anyway, the request fails with a clear error instead of the
/// process dying of a stack overflow, which .NET cannot catch.
/// </summary>
public static class StackGuard
{
    public static void Ensure()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new SqlLimitException("The statement is nested too deeply to be processed on this thread; simplify the expression.");
        }
    }
}
