using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Limits;

namespace ContinuousLoad.Tables.Queries;

/// <summary>Structural equality of bound expressions (to match SELECT expressions with GROUP BY keys).</summary>
public static class BoundComparer
{
    public static bool Equal(BoundExpression? left, BoundExpression? right)
    {
        StackGuard.Ensure();
        return (left, right) switch
        {
            (null, null) => true,
            (null, _) or (_, null) => false,
            (BoundColumn a, BoundColumn b) => a.Ordinal == b.Ordinal,
            (BoundLiteral a, BoundLiteral b) => a.Value.Equals(b.Value) && a.Type == b.Type,
            (BoundCast a, BoundCast b) => a.Type == b.Type && Equal(a.Operand, b.Operand),
            (BoundCall a, BoundCall b) => a.Function == b.Function && All(a.Arguments, b.Arguments),
            (BoundUnary a, BoundUnary b) => a.Operator == b.Operator && Equal(a.Operand, b.Operand),
            (BoundBinary a, BoundBinary b) => a.Operator == b.Operator && Equal(a.Left, b.Left) && Equal(a.Right, b.Right),
            (BoundIsNull a, BoundIsNull b) => a.Negated == b.Negated && Equal(a.Operand, b.Operand),
            (BoundIn a, BoundIn b) => a.Negated == b.Negated && Equal(a.Operand, b.Operand) && All(a.Items, b.Items),
            (BoundLike a, BoundLike b) => a.Negated == b.Negated && a.Regexp == b.Regexp && Equal(a.Operand, b.Operand) && Equal(a.Pattern, b.Pattern),
            (BoundCase a, BoundCase b) => Equal(a.Else, b.Else) && a.Whens.Length == b.Whens.Length
                && a.Whens.Zip(b.Whens).All(w => Equal(w.First.Condition, w.Second.Condition) && Equal(w.First.Result, w.Second.Result)),
            (BoundAggregate a, BoundAggregate b) => a.Kind == b.Kind && a.Distinct == b.Distinct && Equal(a.Argument, b.Argument),
            (BoundOutputRef a, BoundOutputRef b) => a.Index == b.Index,
            _ => false,
        };
    }

    private static bool All(IReadOnlyList<BoundExpression> left, IReadOnlyList<BoundExpression> right) =>
        left.Count == right.Count && left.Zip(right).All(pair => Equal(pair.First, pair.Second));
}
