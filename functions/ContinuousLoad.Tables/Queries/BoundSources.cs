namespace ContinuousLoad.Tables.Queries;

/// <summary>The stored and virtual tables a bound query reads, through joins, derived tables and set operations.</summary>
public static class BoundSources
{
    public static List<BoundRelation> Of(BoundQuery query)
    {
        var found = new List<BoundRelation>();
        var pending = new Stack<object>([query.Body]);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case BoundSelect { From: { } from }:
                    pending.Push(from);
                    break;
                case BoundSetOperation set:
                    pending.Push(set.Right.Body);
                    pending.Push(set.Left.Body);
                    break;
                case BoundDerivedRelation derived:
                    pending.Push(derived.Query.Body);
                    break;
                case BoundJoin join:
                    pending.Push(join.Right);
                    pending.Push(join.Left);
                    break;
                case BoundRelation relation:
                    found.Add(relation);
                    break;
            }
        }

        return found;
    }
}
