namespace ContinuousLoad.Sql.Syntax.Definitions;

/// <summary>
/// One partition. RANGE: <c>VALUES LESS THAN (upper)</c> (Lower empty, filled from the previous
/// partition) or <c>VALUES [(lower), (upper))</c>. LIST: <c>VALUES IN ((v1, v2), ...)</c>, one tuple per value.
/// </summary>
public sealed record PartitionDefinition(
    string Name,
    NodeList<PartitionValue> Lower,
    NodeList<PartitionValue> Upper,
    NodeList<NodeList<PartitionValue>> Values,
    bool IfNotExists = false);
