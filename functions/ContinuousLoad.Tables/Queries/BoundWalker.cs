using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Limits;

namespace ContinuousLoad.Tables.Queries;

/// <summary>Visits a bound expression's direct children.</summary>
public static class BoundWalker
{
    public static IEnumerable<BoundExpression> Children(BoundExpression expression) => expression switch
    {
        BoundCast cast => [cast.Operand],
        BoundCall call => call.Arguments,
        BoundUnary unary => [unary.Operand],
        BoundBinary binary => [binary.Left, binary.Right],
        BoundIsNull isNull => [isNull.Operand],
        BoundIn @in => [@in.Operand, .. @in.Items],
        BoundLike like => [like.Operand, like.Pattern],
        BoundCase @case => [.. @case.Whens.SelectMany(w => new[] { w.Condition, w.Result }), .. @case.Else is null ? [] : new[] { @case.Else }],
        BoundAggregate aggregate => aggregate.Argument is null ? [] : [aggregate.Argument],
        _ => [],
    };

    public static bool Any(BoundExpression expression, Func<BoundExpression, bool> predicate)
    {
        StackGuard.Ensure();
        return predicate(expression) || Children(expression).Any(child => Any(child, predicate));
    }
}
