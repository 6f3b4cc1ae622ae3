using System.Collections.Immutable;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tables.Queries;

/// <summary>
/// A table function's answer for one query, read like a table and never written: its columns and rows.
/// Each value is NULL (in a nullable column) or already of its column's type, e.g. a
/// <see cref="SqlValue.FromDateTimeMicros"/> value for a DATETIME column.
/// </summary>
public sealed record VirtualTable(string Name, ImmutableArray<ColumnSchema> Columns, IReadOnlyList<SqlValue[]> Rows);
