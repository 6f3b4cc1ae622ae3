namespace ContinuousLoad.Tables.Queries;

/// <summary>The stored and virtual tables a bound query reads, through joins, derived tables and set operations.</summary>
public static class BoundSources
{
    public static IEnumerable<BoundRelation> Of(BoundQuery query) => query.Body switch
    {
        BoundSelect select => select.From is null ? [] : Of(select.From),
        BoundSetOperation set => Of(set.Left).Concat(Of(set.Right)),
        _ => [],
    };

    private static IEnumerable<BoundRelation> Of(BoundRelation relation) => relation switch
    {
        BoundDerivedRelation derived => Of(derived.Query),
        BoundJoin join => Of(join.Left).Concat(Of(join.Right)),
        _ => [relation],
    };
}
