using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Limits;

namespace ContinuousLoad.Tables.Queries;

/// <summary>Rebuilds a bound expression top-down, replacing the nodes <c>replace</c> answers for.</summary>
public static class BoundRewriter
{
    public static BoundExpression Rewrite(BoundExpression expression, Func<BoundExpression, BoundExpression?> replace)
    {
        StackGuard.Ensure();
        if (replace(expression) is { } replaced)
        {
            return replaced;
        }

        BoundExpression Go(BoundExpression child) => Rewrite(child, replace);
        return expression switch
        {
            BoundCast cast => cast with { Operand = Go(cast.Operand) },
            BoundCall call => call with { Arguments = [.. call.Arguments.Select(Go)] },
            BoundUnary unary => unary with { Operand = Go(unary.Operand) },
            BoundBinary binary => binary with { Left = Go(binary.Left), Right = Go(binary.Right) },
            BoundIsNull isNull => isNull with { Operand = Go(isNull.Operand) },
            BoundIn @in => @in with { Operand = Go(@in.Operand), Items = [.. @in.Items.Select(Go)] },
            BoundLike like => like with { Operand = Go(like.Operand), Pattern = Go(like.Pattern) },
            BoundCase @case => @case with
            {
                Whens = [.. @case.Whens.Select(w => new BoundWhen(Go(w.Condition), Go(w.Result)))],
                Else = @case.Else is null ? null : Go(@case.Else),
            },
            BoundAggregate aggregate => aggregate with { Argument = aggregate.Argument is null ? null : Go(aggregate.Argument) },
            _ => expression,
        };
    }
}
