namespace ContinuousLoad.Sql.Syntax.Definitions;

/// <summary>One value of a partition bound as written (text), or MAXVALUE.</summary>
public sealed record PartitionValue(string? Text, bool IsMaxValue = false)
{
    public static PartitionValue MaxValue { get; } = new(null, IsMaxValue: true);
}
