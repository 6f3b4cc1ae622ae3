using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tables.Storage;

/// <summary>
/// A physical schema change: a column added or dropped. Existing rows of an added column take
/// <see cref="Backfill"/> (its default at the time of the ALTER; NULL when absent).
/// </summary>
public sealed record ColumnChange(ColumnSchema Column, bool Added, SqlValue Backfill = default);
