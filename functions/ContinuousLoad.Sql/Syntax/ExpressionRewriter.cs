using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Syntax.Expressions;

namespace ContinuousLoad.Sql.Syntax;

/// <summary>Rebuilds an expression top-down, replacing the nodes <c>replace</c> answers for (their children are left alone).</summary>
public static class ExpressionRewriter
{
    public static Expression Rewrite(Expression expression, Func<Expression, Expression?> replace)
    {
        StackGuard.Ensure();
        if (replace(expression) is { } replaced)
        {
            return replaced;
        }

        Expression Go(Expression child) => Rewrite(child, replace);
        NodeList<Expression> All(NodeList<Expression> items) => new(items.Select(Go));

        return expression switch
        {
            FunctionCall call => call with { Arguments = All(call.Arguments) },
            CastExpression cast => cast with { Operand = Go(cast.Operand) },
            CaseExpression @case => @case with
            {
                Operand = @case.Operand is null ? null : Go(@case.Operand),
                Whens = new NodeList<WhenClause>(@case.Whens.Select(w => new WhenClause(Go(w.Condition), Go(w.Result)))),
                Else = @case.Else is null ? null : Go(@case.Else),
            },
            UnaryExpression unary => unary with { Operand = Go(unary.Operand) },
            BinaryExpression binary => binary with { Left = Go(binary.Left), Right = Go(binary.Right) },
            IsNullExpression isNull => isNull with { Operand = Go(isNull.Operand) },
            InExpression @in => @in with { Operand = Go(@in.Operand), Items = All(@in.Items) },
            BetweenExpression between => between with { Operand = Go(between.Operand), Low = Go(between.Low), High = Go(between.High) },
            LikeExpression like => like with { Operand = Go(like.Operand), Pattern = Go(like.Pattern) },
            IntervalExpression interval => interval with { Value = Go(interval.Value) },
            _ => expression,
        };
    }
}
