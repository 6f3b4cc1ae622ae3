using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Queries;

namespace ContinuousLoad.Sql.Syntax;

/// <summary>
/// Measures a parsed tree against <see cref="SqlLimits"/> the way Doris measures expressions: depth is
/// the longest path from the root (subqueries, joins and set operations included, because every walker
/// after the parser recurses through them too); width is the number of leaves of one expression, a
/// subquery counting as one leaf of the expression around it. The walk keeps its own stack, so it
/// measures a tree of any depth — including the left-deep chains (<c>1+1+…</c>) the parser builds in loops.
/// </summary>
internal static class SyntaxShape
{
    private const int NoExpression = -1;

    public static void Check(object root, SqlLimits limits)
    {
        var pending = new Stack<(object Node, int Level, int Expression)>();
        var leaves = new List<int>();
        pending.Push((root, 1, NoExpression));
        while (pending.Count > 0)
        {
            var (node, level, expression) = pending.Pop();
            if (level > limits.ExprDepthLimit)
            {
                throw SqlLimitException.DepthExceeded(limits.ExprDepthLimit);
            }

            if (node is Expression && expression == NoExpression)
            {
                expression = leaves.Count;
                leaves.Add(0);
            }

            var before = pending.Count;
            PushChildren(node, level + 1, expression, pending);
            var isLeaf = pending.Count == before || node is SubqueryExpression;
            if (node is Expression && isLeaf && ++leaves[expression] > limits.ExprChildrenLimit)
            {
                throw SqlLimitException.ChildrenExceeded(limits.ExprChildrenLimit);
            }
        }
    }

    /// <summary>Pushes the children of <paramref name="node"/>; a query below an expression starts expressions of its own.</summary>
    private static void PushChildren(object node, int level, int expression, Stack<(object, int, int)> pending)
    {
        void Add(object? child, int owner = NoExpression)
        {
            if (child is not null)
            {
                pending.Push((child, level, owner));
            }
        }

        void AddExpression(Expression? child) => Add(child, expression);

        void AddExpressions(NodeList<Expression> children)
        {
            foreach (var child in children)
            {
                AddExpression(child);
            }
        }

        switch (node)
        {
            case BinaryExpression binary:
                AddExpression(binary.Left);
                AddExpression(binary.Right);
                break;
            case UnaryExpression unary:
                AddExpression(unary.Operand);
                break;
            case FunctionCall call:
                AddExpressions(call.Arguments);
                break;
            case CastExpression cast:
                AddExpression(cast.Operand);
                break;
            case CaseExpression @case:
                AddExpression(@case.Operand);
                foreach (var when in @case.Whens)
                {
                    AddExpression(when.Condition);
                    AddExpression(when.Result);
                }

                AddExpression(@case.Else);
                break;
            case IsNullExpression isNull:
                AddExpression(isNull.Operand);
                break;
            case InExpression @in:
                AddExpression(@in.Operand);
                AddExpressions(@in.Items);
                break;
            case BetweenExpression between:
                AddExpression(between.Operand);
                AddExpression(between.Low);
                AddExpression(between.High);
                break;
            case LikeExpression like:
                AddExpression(like.Operand);
                AddExpression(like.Pattern);
                break;
            case IntervalExpression interval:
                AddExpression(interval.Value);
                break;
            case SubqueryExpression subquery:
                AddExpression(subquery.Operand);
                Add(subquery.Query);
                break;
            case Query query:
                Add(query.Body);
                foreach (var item in query.OrderBy)
                {
                    Add(item.Expression);
                }

                break;
            case SelectBody select:
                foreach (var item in select.Items)
                {
                    Add(item.Expression);
                }

                Add(select.From);
                Add(select.Where);
                foreach (var key in select.GroupBy)
                {
                    Add(key);
                }

                Add(select.Having);
                break;
            case SetOperationBody set:
                Add(set.Left);
                Add(set.Right);
                break;
            case NestedQueryBody nested:
                Add(nested.Query);
                break;
            case JoinTableSource join:
                Add(join.Left);
                Add(join.Right);
                Add(join.On);
                break;
            case DerivedTableSource derived:
                Add(derived.Query);
                break;
        }
    }
}
