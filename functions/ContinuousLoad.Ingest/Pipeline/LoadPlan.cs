using System.Collections.Immutable;
using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Sql;
using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Definitions;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Writing;

namespace ContinuousLoad.Ingest.Pipeline;

/// <summary>
/// How a load's source fields become rows of its table, decided once per load: which field or
/// expression feeds each column, which columns take defaults, the <c>where</c> and <c>delete</c>
/// conditions, and the row operation. Follows Doris's rules for <c>columns</c>: plain names bind
/// positionally (CSV) or by key (JSON); names that match no column are placeholders for expressions.
/// </summary>
public sealed class LoadPlan
{
    private LoadPlan(TableSchema table, ImmutableArray<ColumnSchema> columns, ImmutableArray<ColumnSource> sources, IReadOnlyList<string> sourceNames,
        int deleteSignField, BoundExpression? where, BoundExpression? delete, bool deleteAll)
    {
        Table = table;
        Columns = columns;
        Sources = sources;
        SourceNames = sourceNames;
        DeleteSignField = deleteSignField;
        WhereCondition = where;
        DeleteCondition = delete;
        DeleteAll = deleteAll;
    }

    public TableSchema Table { get; }

    /// <summary>The stored columns each row writes, in batch order.</summary>
    public ImmutableArray<ColumnSchema> Columns { get; }

    public ImmutableArray<ColumnSource> Sources { get; }

    /// <summary>The source fields: CSV positions in order, JSON keys (or jsonpaths) in order.</summary>
    public IReadOnlyList<string> SourceNames { get; }

    /// <summary>The source field holding <c>__DORIS_DELETE_SIGN__</c>, or -1.</summary>
    public int DeleteSignField { get; }

    /// <summary>Over the predicate row: the columns' values, then the source fields as strings.</summary>
    public BoundExpression? WhereCondition { get; }

    public BoundExpression? DeleteCondition { get; }

    /// <summary>merge_type DELETE: every row deletes its key.</summary>
    public bool DeleteAll { get; }

    /// <summary>A partial update that must not add rows (<c>partial_update_new_key_behavior: ERROR</c>).</summary>
    public bool UpdatesOnly { get; private init; }

    /// <summary>A change-data load (<see cref="LoadOptions.ChangeData"/>): WHERE misses delete, deletes need only their key.</summary>
    public bool ChangeData { get; private init; }

    /// <summary>See <see cref="LoadOptions.ChangesAheadOfSnapshot"/>.</summary>
    public bool ChangesAheadOfSnapshot { get; private init; }

    /// <summary>The positions of the predicate row (loaded columns, then source fields) the <c>where</c> and <c>delete</c> conditions read.</summary>
    public ImmutableArray<int> ConditionReads { get; private init; } = [];

    public bool NeedsSourceValues => Sources.Any(s => s is ColumnSource.Derived) || WhereCondition is not null || DeleteCondition is not null;

    /// <exception cref="LoadRequestException">The mapping does not fit the table.</exception>
    public static LoadPlan Build(TableSchema table, LoadOptions options, EvaluationContext context)
    {
        var mappings = options.Columns ?? DefaultMappings(table, options);
        var sourceNames = mappings.Where(m => m.Expression is null).Select(m => m.Name).ToList();
        var duplicate = sourceNames.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new LoadRequestException($"Duplicate column: {duplicate.Key}");
        }

        CheckModel(table, options);
        var derived = mappings.Where(m => m.Expression is not null)
            .ToDictionary(m => m.Name, m => Bind(sourceNames, context, m), StringComparer.OrdinalIgnoreCase);
        foreach (var name in derived.Keys.Where(n => table.Find(n) is null && !IsHidden(n)))
        {
            throw new LoadRequestException($"Unknown column '{name}' in table '{table.Name}' (derived columns must name a table column)");
        }

        var columns = ImmutableArray.CreateBuilder<ColumnSchema>();
        var sources = ImmutableArray.CreateBuilder<ColumnSource>();
        foreach (var column in table.Columns.Where(c => c.Name != Identifiers.DeleteSignColumn))
        {
            var field = IndexOf(sourceNames, column.Hidden && options.SequenceSource is { } sequence && column.Name == Identifiers.SequenceColumn ? sequence : column.Name);
            ColumnSource? source = derived.TryGetValue(column.Name, out var bound)
                ? new ColumnSource.Derived(ExpressionCompiler.Compile(bound.Expression), bound.Expression.Type, bound.Fields)
                : field >= 0 && (options.TargetColumns is null || options.TargetColumns.Contains(column.Name, StringComparer.OrdinalIgnoreCase))
                    ? new ColumnSource.Field(field)
                    : null;
            if (source is null)
            {
                if (column.Hidden || options.PartialColumns && !column.IsKey)
                {
                    continue;
                }

                var fallback = ColumnDefaults.For(column, context);
                if (fallback is not { } value || (value.IsNull && !table.AcceptsNull(column)))
                {
                    throw new LoadRequestException($"Column has no default value. column: {column.Name}");
                }

                source = new ColumnSource.Constant(value);
            }

            columns.Add(column);
            sources.Add(source);
        }

        if (table.Find(Identifiers.SequenceColumn) is not null && !columns.Any(c => c.Name == Identifiers.SequenceColumn))
        {
            throw new LoadRequestException($"Table {table.Name} has a sequence column: name its source with function_column.sequence_col or {Identifiers.SequenceColumn}");
        }

        var deleteSignField = IndexOf(sourceNames, Identifiers.DeleteSignColumn);
        if (deleteSignField >= 0 && !table.HasDeleteSign)
        {
            throw new LoadRequestException($"{Identifiers.DeleteSignColumn} is only for UNIQUE KEY tables");
        }

        var predicates = new PredicateScope([.. columns], sourceNames, options.WhereOverSource);
        var predicateBinder = new ExpressionBinder(predicates, timeZone: context.TimeZone);
        return new LoadPlan(table, columns.ToImmutable(), sources.ToImmutable(), sourceNames, deleteSignField,
            options.Where is null ? null : Condition(predicateBinder, options.Where, "where"),
            options.Delete is null ? null : Condition(predicateBinder, options.Delete, "delete"),
            options.MergeType == MergeType.Delete)
        {
            UpdatesOnly = options.PartialColumns && !options.PartialNewKeysAllowed,
            ChangeData = options.ChangeData && table.HasDeleteSign,
            ChangesAheadOfSnapshot = options.ChangesAheadOfSnapshot,
            ConditionReads = [.. predicates.Used.Order()],
        };
    }

    /// <summary>Without <c>columns</c>: the table's columns in order, then the hidden columns named.</summary>
    private static IReadOnlyList<ColumnMapping> DefaultMappings(TableSchema table, LoadOptions options) =>
        [.. table.VisibleColumns.Select(c => new ColumnMapping(c.Name, null)), .. options.HiddenColumns.Select(n => new ColumnMapping(n, null))];

    private static void CheckModel(TableSchema table, LoadOptions options)
    {
        if (options.MergeType != MergeType.Append && table.KeyModel != KeyModel.Unique)
        {
            throw new LoadRequestException($"merge_type {options.MergeType.ToString().ToUpperInvariant()} is only supported on UNIQUE KEY tables");
        }

        if (options.PartialColumns && table.KeyModel != KeyModel.Unique)
        {
            throw new LoadRequestException("Partial update is only allowed on unique table with merge-on-write enabled.");
        }

        if (options.SequenceSource is not null && table.Find(Identifiers.SequenceColumn) is null)
        {
            throw new LoadRequestException($"function_column.sequence_col is set but table {table.Name} has no sequence type column");
        }
    }

    /// <summary>A derived column's expression, bound over the source fields, and the fields it reads.</summary>
    private static (BoundExpression Expression, ImmutableArray<int> Fields) Bind(IReadOnlyList<string> sourceNames, EvaluationContext context, ColumnMapping mapping)
    {
        var scope = new SourceScope(sourceNames);
        try
        {
            var bound = new ExpressionBinder(scope, timeZone: context.TimeZone).Bind(mapping.Expression!);
            return (bound, [.. scope.Used.Order()]);
        }
        catch (SqlSemanticException e)
        {
            throw new LoadRequestException($"Invalid expression for column {mapping.Name}: {e.Message}");
        }
    }

    private static BoundExpression Condition(ExpressionBinder binder, Expression condition, string header)
    {
        try
        {
            return binder.BindCondition(condition);
        }
        catch (SqlSemanticException e)
        {
            throw new LoadRequestException($"Invalid {header} condition: {e.Message}");
        }
    }

    private static bool IsHidden(string name) => name is Identifiers.DeleteSignColumn or Identifiers.SequenceColumn;

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Derived expressions see the source fields, as strings; <see cref="Used"/> collects the ones an expression reads.</summary>
    private sealed class SourceScope(IReadOnlyList<string> names) : IColumnScope
    {
        public HashSet<int> Used { get; } = [];

        public BoundExpression Resolve(ColumnReference column)
        {
            var index = IndexOf(names, column.Name);
            if (column.Parts.Count != 1 || index < 0)
            {
                throw new SqlSemanticException($"Unknown column '{column.Name}' in the load's source columns ({string.Join(", ", names)})");
            }

            Used.Add(index);
            return new BoundColumn(index, names[index], DataType.String);
        }
    }

    /// <summary>
    /// <c>where</c> and <c>delete</c> see the loaded columns (typed), then the source fields; a job's WHERE
    /// (<paramref name="sourcesFirst"/>) sees the source fields first, as a SELECT's WHERE does.
    /// </summary>
    private sealed class PredicateScope(IReadOnlyList<ColumnSchema> columns, IReadOnlyList<string> sources, bool sourcesFirst) : IColumnScope
    {
        /// <summary>The predicate row's positions the conditions read: loaded columns, then source fields.</summary>
        public HashSet<int> Used { get; } = [];

        public BoundExpression Resolve(ColumnReference column)
        {
            var resolved = Find(column);
            Used.Add(resolved.Ordinal);
            return resolved;
        }

        private BoundColumn Find(ColumnReference column)
        {
            var source = IndexOf(sources, column.Name);
            if (sourcesFirst && source >= 0)
            {
                return new BoundColumn(columns.Count + source, sources[source], DataType.String);
            }

            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i].Name.Equals(column.Name, StringComparison.OrdinalIgnoreCase))
                {
                    return new BoundColumn(i, columns[i].Name, columns[i].Type);
                }
            }

            return source >= 0
                ? new BoundColumn(columns.Count + source, sources[source], DataType.String)
                : throw new SqlSemanticException($"Unknown column '{column.Name}'");
        }
    }
}
