using System.Collections.Immutable;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tables.Queries;

/// <summary>A stored table; only visible rows (delete sign 0 in UNIQUE tables) are read.</summary>
public sealed record BoundTableRelation(TableSchema Table, ImmutableArray<ColumnSchema> Columns, int FirstOrdinal) : BoundRelation;
