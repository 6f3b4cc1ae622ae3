namespace ContinuousLoad.Sql.Syntax.Definitions;

/// <summary>How rows with equal keys combine: kept (DUPLICATE), replaced (UNIQUE) or aggregated (AGGREGATE).</summary>
public enum KeyModel
{
    Duplicate,
    Unique,
    Aggregate,
}
