using System.Collections.Immutable;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Sql.Functions;

/// <summary>Common ways a function's signature follows from its arguments.</summary>
public static class Signatures
{
    /// <summary>Each argument converts to the parameter at its position (the last one repeats for variadic functions).</summary>
    public static SignatureResolver Fixed(DataType result, params DataType[] parameters) =>
        (arguments, _) => new FunctionSignature(Expand(parameters, arguments.Count), result);

    /// <summary>All arguments and the result share the arguments' common type.</summary>
    public static SignatureResolver Common(int skip = 0) => (arguments, _) =>
    {
        var common = DataType.Null;
        for (var i = skip; i < arguments.Count; i++)
        {
            common = TypeRules.Common(common, arguments[i]);
        }

        var parameters = arguments.Select((type, i) => i < skip ? type : common).ToImmutableArray();
        return new FunctionSignature(parameters, common.Kind == TypeKind.Null ? DataType.String : common);
    };

    /// <summary>A numeric argument kept as it is (strings become DOUBLE); the result has the same type.</summary>
    public static SignatureResolver SameNumeric(DataType? rest = null) => (arguments, _) =>
    {
        var type = Numeric(arguments[0]);
        var parameters = arguments.Select((t, i) => i == 0 ? type : rest ?? t).ToImmutableArray();
        return new FunctionSignature(parameters, type);
    };

    public static DataType Numeric(DataType type) => type.IsNumeric && type.Kind != TypeKind.Boolean
        ? type
        : type.Kind == TypeKind.Boolean ? DataType.TinyInt : DataType.Double;

    public static ImmutableArray<DataType> Expand(DataType[] parameters, int count)
    {
        var expanded = ImmutableArray.CreateBuilder<DataType>(count);
        for (var i = 0; i < count; i++)
        {
            expanded.Add(parameters[Math.Min(i, parameters.Length - 1)]);
        }

        return expanded.MoveToImmutable();
    }
}
