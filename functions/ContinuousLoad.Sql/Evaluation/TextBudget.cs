using ContinuousLoad.Sql.Limits;

namespace ContinuousLoad.Sql.Evaluation;

/// <summary>
/// How much text one evaluation of an expression may build. One function result holds at most
/// <see cref="MaxResultLength"/> characters — beyond it the function gives NULL, as MySQL does past
/// <c>max_allowed_packet</c> — and all the text one evaluation builds is capped too, so
/// <c>concat(repeat('x', 16000000), ...)</c> cannot take the host's memory. The count is per thread and
/// starts again with every evaluation of a compiled root expression.
/// </summary>
public static class TextBudget
{
    /// <summary>Characters in one function result (16 Mi, MySQL's classic max_allowed_packet).</summary>
    public const int MaxResultLength = 1 << 24;

    /// <summary>Characters all function results of one evaluation may hold together.</summary>
    public const long MaxPerEvaluation = 1L << 26;

    [ThreadStatic]
    private static long _used;

    /// <summary>Whether a result of <paramref name="length"/> characters may be built.</summary>
    public static bool Fits(long length) => length <= MaxResultLength;

    internal static void Start() => _used = 0;

    /// <exception cref="SqlLimitException">The evaluation has built more text than it may.</exception>
    internal static void Charge(int length)
    {
        if ((_used += length) > MaxPerEvaluation)
        {
            throw new SqlLimitException(
                $"The expression builds more than {MaxPerEvaluation} characters of text for one value; functions such as repeat, lpad and concat cannot make more");
        }
    }
}
