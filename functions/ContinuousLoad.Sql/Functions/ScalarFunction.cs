namespace ContinuousLoad.Sql.Functions;

/// <summary>
/// A scalar function: its name, arity, how its signature follows from the arguments, and its body.
/// When <see cref="PropagatesNull"/> is set, a NULL argument gives NULL without calling the body.
/// </summary>
public sealed class ScalarFunction(
    string name,
    int minArguments,
    int maxArguments,
    SignatureResolver resolve,
    ScalarBody body,
    bool propagatesNull = true)
{
    public const int Variadic = int.MaxValue;

    public string Name { get; } = name;

    public int MinArguments { get; } = minArguments;

    public int MaxArguments { get; } = maxArguments;

    public SignatureResolver Resolve { get; } = resolve;

    public ScalarBody Body { get; } = body;

    public bool PropagatesNull { get; } = propagatesNull;

    public override string ToString() => Name;
}
