namespace ContinuousLoad.Sql.Syntax.Definitions;

/// <summary><c>DISTRIBUTED BY HASH(columns) | RANDOM BUCKETS n | AUTO</c>; <see cref="Buckets"/> null is AUTO.</summary>
public sealed record DistributionDescription(bool Random, NodeList<string> Columns, int? Buckets);
