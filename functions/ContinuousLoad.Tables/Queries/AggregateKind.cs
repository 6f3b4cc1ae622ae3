namespace ContinuousLoad.Tables.Queries;

public enum AggregateKind
{
    CountStar,
    Count,
    Sum,
    Avg,
    Min,
    Max,
    GroupConcat,
}
