namespace ContinuousLoad.Sql.Functions;

/// <summary>The scalar functions by name (case-insensitive), and the names of aggregate functions.</summary>
public sealed class FunctionRegistry
{
    private static readonly HashSet<string> AggregateNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "count", "sum", "avg", "min", "max", "group_concat",
    };

    private readonly Dictionary<string, ScalarFunction> _functions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every scalar function Doris load examples and our SQL use.</summary>
    public static FunctionRegistry Default { get; } = CreateDefault();

    public static bool IsAggregate(string name) => AggregateNames.Contains(name);

    public ScalarFunction? Find(string name) => _functions.GetValueOrDefault(name);

    public IEnumerable<ScalarFunction> All => _functions.Values.Distinct();

    public void Add(ScalarFunction function, params string[] aliases)
    {
        _functions.Add(function.Name, function);
        foreach (var alias in aliases)
        {
            _functions.Add(alias, function);
        }
    }

    private static FunctionRegistry CreateDefault()
    {
        var registry = new FunctionRegistry();
        DateTimeFunctions.Register(registry);
        StringFunctions.Register(registry);
        ConditionalFunctions.Register(registry);
        MathFunctions.Register(registry);
        return registry;
    }
}
