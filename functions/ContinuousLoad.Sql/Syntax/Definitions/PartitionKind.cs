namespace ContinuousLoad.Sql.Syntax.Definitions;

public enum PartitionKind
{
    Range,
    List,
}
