namespace ContinuousLoad.Sql.Syntax.Definitions;

/// <summary>Per-value-column merge of an AGGREGATE KEY table.</summary>
public enum AggregationKind
{
    Sum,
    Max,
    Min,
    Replace,
    ReplaceIfNotNull,
}
