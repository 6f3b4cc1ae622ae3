namespace ContinuousLoad.Sql.Syntax.Definitions;

/// <summary>
/// <c>[AUTO] PARTITION BY RANGE|LIST (columns) (partitions)</c>. An AUTO partition creates partitions
/// on demand, so every row has one; <see cref="AutoFunction"/> records the expression as written.
/// </summary>
public sealed record PartitionDescription(
    PartitionKind Kind,
    NodeList<string> Columns,
    NodeList<PartitionDefinition> Partitions,
    bool Auto = false,
    string? AutoFunction = null);
