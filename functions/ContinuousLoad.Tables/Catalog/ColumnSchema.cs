using ContinuousLoad.Sql.Syntax.Definitions;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Tables.Catalog;

/// <summary>
/// A column of a table. <see cref="Aggregation"/> is set for value columns of AGGREGATE tables;
/// hidden columns (<c>__DORIS_DELETE_SIGN__</c>, <c>__DORIS_SEQUENCE_COL__</c>) exist in storage only.
/// </summary>
public sealed record ColumnSchema(
    string Name,
    DataType Type,
    bool Nullable,
    bool IsKey,
    AggregationKind? Aggregation = null,
    ColumnDefault? Default = null,
    string? Comment = null,
    bool AutoIncrement = false,
    bool Hidden = false);
