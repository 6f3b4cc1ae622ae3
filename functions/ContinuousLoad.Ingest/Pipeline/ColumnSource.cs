using System.Collections.Immutable;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Ingest.Pipeline;

/// <summary>Where a target column's value comes from in each row.</summary>
public abstract record ColumnSource
{
    /// <summary>A source field, converted from its text straight into the column's storage form.</summary>
    public sealed record Field(int Index) : ColumnSource;

    /// <summary>A derived column (<c>columns: v = expr</c>) computed over the source fields; <paramref name="Fields"/> are the ones it reads.</summary>
    public sealed record Derived(CompiledExpression Expression, DataType Type, ImmutableArray<int> Fields) : ColumnSource;

    /// <summary>The column's default (or NULL) for columns the load does not map.</summary>
    public sealed record Constant(SqlValue Value) : ColumnSource;
}
