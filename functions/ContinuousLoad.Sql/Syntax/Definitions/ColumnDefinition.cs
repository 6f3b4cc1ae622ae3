using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Sql.Syntax.Definitions;

/// <summary>
/// A column in CREATE TABLE / ADD COLUMN. <see cref="Nullable"/> is null when not written (Doris: key
/// columns default NOT NULL, value columns NULL).
/// </summary>
public sealed record ColumnDefinition(
    string Name,
    DataType Type,
    AggregationKind? Aggregation = null,
    bool? Nullable = null,
    ColumnDefault? Default = null,
    string? Comment = null,
    bool AutoIncrement = false);
