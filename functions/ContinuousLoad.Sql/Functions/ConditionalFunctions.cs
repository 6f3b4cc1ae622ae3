using System.Collections.Immutable;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Sql.Functions;

/// <summary><c>if</c>, <c>ifnull</c>/<c>nvl</c>, <c>coalesce</c>, <c>nullif</c>, <c>greatest</c>, <c>least</c>.</summary>
public static class ConditionalFunctions
{
    public static void Register(FunctionRegistry registry)
    {
        registry.Add(new ScalarFunction("if", 3, 3, IfSignature,
            (a, _) => !a[0].IsNull && a[0].AsBoolean ? a[1] : a[2], propagatesNull: false));
        registry.Add(new ScalarFunction("ifnull", 2, 2, Signatures.Common(), (a, _) => a[0].IsNull ? a[1] : a[0], propagatesNull: false), "nvl");
        registry.Add(new ScalarFunction("coalesce", 1, ScalarFunction.Variadic, Signatures.Common(), Coalesce, propagatesNull: false));
        registry.Add(new ScalarFunction("nullif", 2, 2, NullIfSignature,
            (a, _) => !a[0].IsNull && !a[1].IsNull && ValueComparer.Compare(a[0], a[1]) == 0 ? SqlValue.Null : a[0], propagatesNull: false));
        registry.Add(new ScalarFunction("greatest", 1, ScalarFunction.Variadic, Signatures.Common(), (a, _) => Extreme(a, 1)));
        registry.Add(new ScalarFunction("least", 1, ScalarFunction.Variadic, Signatures.Common(), (a, _) => Extreme(a, -1)));
    }

    private static FunctionSignature IfSignature(IReadOnlyList<DataType> arguments, IReadOnlyList<SqlValue?> constants)
    {
        var common = TypeRules.Common(arguments[1], arguments[2]);
        common = common.Kind == TypeKind.Null ? DataType.String : common;
        return new FunctionSignature([DataType.Boolean, common, common], common);
    }

    private static FunctionSignature NullIfSignature(IReadOnlyList<DataType> arguments, IReadOnlyList<SqlValue?> constants)
    {
        var common = TypeRules.Common(arguments[0], arguments[1]);
        return new FunctionSignature(ImmutableArray.Create(common, common), common.Kind == TypeKind.Null ? DataType.String : common);
    }

    private static SqlValue Coalesce(ReadOnlySpan<SqlValue> arguments, EvaluationContext context)
    {
        foreach (var argument in arguments)
        {
            if (!argument.IsNull)
            {
                return argument;
            }
        }

        return SqlValue.Null;
    }

    private static SqlValue Extreme(ReadOnlySpan<SqlValue> arguments, int direction)
    {
        var best = arguments[0];
        foreach (var argument in arguments[1..])
        {
            if (ValueComparer.Compare(argument, best) * direction > 0)
            {
                best = argument;
            }
        }

        return best;
    }
}
