using System.Collections.Immutable;
using ContinuousLoad.Sql.Conversion;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Syntax.Definitions;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Tables.Catalog;

/// <summary>
/// How rows map to partitions, with typed bounds. Loads filter rows that fall in no partition;
/// AUTO and dynamic partitioning accept every row (partitions appear as needed).
/// </summary>
public sealed record PartitionScheme(
    PartitionKind Kind,
    ImmutableArray<string> Columns,
    ImmutableArray<PartitionSpec> Partitions,
    bool Auto,
    string? AutoFunction,
    bool Dynamic = false)
{
    /// <summary>The partition holding a row with these partition-key values, or null when none does.</summary>
    public string? Find(ReadOnlySpan<SqlValue> key)
    {
        if (Auto || Dynamic)
        {
            return "auto";
        }

        foreach (var partition in Partitions)
        {
            if (Kind == PartitionKind.Range)
            {
                if ((partition.Lower is null || CompareTuple(key, partition.Lower) >= 0) && CompareTuple(key, partition.Upper!) < 0)
                {
                    return partition.Name;
                }
            }
            else
            {
                foreach (var value in partition.Values)
                {
                    if (EqualTuple(key, value))
                    {
                        return partition.Name;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Builds typed partitions from the definition, with Doris's checks (key columns, overlaps, duplicates).</summary>
    /// <param name="dynamic">Partitions are made on demand (Doris dynamic partitions): every row has one, like AUTO.</param>
    public static PartitionScheme Build(PartitionDescription description, IReadOnlyList<ColumnSchema> columns, KeyModel model, bool dynamic = false)
    {
        var keyColumns = description.Columns.Select(name =>
            columns.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? throw new DorisException($"Partition column[{name}] does not exist in column list.")).ToArray();
        foreach (var column in keyColumns)
        {
            // Value columns of UNIQUE and AGGREGATE tables merge, so they cannot decide a row's partition.
            if (!column.IsKey && model != KeyModel.Duplicate)
            {
                throw new DorisException($"The partition column could not be aggregated column: {column.Name}");
            }

            // RANGE partitions take integers and dates; LIST partitions also booleans and CHAR/VARCHAR.
            var allowed = column.Type.IsInteger || column.Type.IsTemporal
                          || (description.Kind == PartitionKind.List && column.Type.Kind is TypeKind.Boolean or TypeKind.Char or TypeKind.Varchar);
            if (!allowed)
            {
                throw new DorisException($"Invalid partition column '{column.Name}': {column.Type} cannot be a {description.Kind.ToString().ToUpperInvariant()} partition column");
            }
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var partitions = ImmutableArray.CreateBuilder<PartitionSpec>();
        foreach (var definition in description.Partitions)
        {
            if (!names.Add(definition.Name))
            {
                throw new DorisException($"Duplicate partition name {definition.Name}");
            }

            partitions.Add(description.Kind == PartitionKind.Range
                ? new PartitionSpec(definition.Name, Lower(definition.Lower, keyColumns, definition.Name),
                    Bound(definition.Upper, keyColumns, definition.Name), [])
                : new PartitionSpec(definition.Name, null, null, [.. definition.Values.Select(v => Bound(v, keyColumns, definition.Name))]));
        }

        var built = description.Kind == PartitionKind.Range ? OrderRanges(partitions.ToImmutable()) : CheckLists(partitions.ToImmutable());
        return new PartitionScheme(description.Kind, [.. keyColumns.Select(c => c.Name)], built, description.Auto, description.AutoFunction, dynamic);
    }

    /// <summary>The lowest value of a partition column type: an open lower bound, where NULL keys also belong.</summary>
    public static SqlValue Lowest(DataType type) => type.Kind switch
    {
        TypeKind.TinyInt => SqlValue.FromInteger(sbyte.MinValue),
        TypeKind.SmallInt => SqlValue.FromInteger(short.MinValue),
        TypeKind.Int => SqlValue.FromInteger(int.MinValue),
        TypeKind.BigInt => SqlValue.FromInteger(long.MinValue),
        TypeKind.LargeInt => SqlValue.FromLargeInt(Int128.MinValue),
        TypeKind.Date => SqlValue.FromDate(DateOnly.MinValue),
        TypeKind.DateTime => SqlValue.FromDateTimeMicros(0),
        TypeKind.Boolean => SqlValue.False,
        _ => SqlValue.FromString(""),
    };

    /// <summary>A written lower bound at the type's lowest values is the open bound (so NULL keys stay in the first range).</summary>
    private static PartitionBound? Lower(IReadOnlyList<PartitionValue> values, ColumnSchema[] columns, string partition)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var bound = Bound(values, columns, partition);
        var lowest = !bound.IsMax && bound.Values.Select((v, i) => !v.IsNull && ValueComparer.Compare(v, Lowest(columns[i].Type)) == 0).All(x => x);
        return lowest ? null : bound;
    }

    private static PartitionBound Bound(IReadOnlyList<PartitionValue> values, ColumnSchema[] columns, string partition)
    {
        if (values.Count == 1 && values[0].IsMaxValue)
        {
            return PartitionBound.Max;
        }

        if (values.Count > columns.Length)
        {
            throw new DorisException($"Partition values number is more than partition column number: {partition}");
        }

        var typed = ImmutableArray.CreateBuilder<SqlValue>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].IsMaxValue)
            {
                return new PartitionBound(typed.ToImmutable(), IsMax: true);
            }

            if (values[i].Text is null)
            {
                typed.Add(SqlValue.Null);
                continue;
            }

            var converted = ValueConverter.Convert(SqlValue.FromString(values[i].Text!), DataType.String, columns[i].Type, TimeZoneInfo.Utc, checkLength: true);
            if (!converted.Succeeded)
            {
                throw new DorisException($"Invalid partition value '{values[i].Text}' for column {columns[i].Name} ({columns[i].Type}) in partition {partition}");
            }

            typed.Add(converted.Value);
        }

        return new PartitionBound(typed.ToImmutable());
    }

    /// <summary>LESS THAN partitions take the previous upper bound as their lower bound; ranges must not overlap.</summary>
    private static ImmutableArray<PartitionSpec> OrderRanges(ImmutableArray<PartitionSpec> partitions)
    {
        var result = ImmutableArray.CreateBuilder<PartitionSpec>(partitions.Length);
        PartitionBound? previousUpper = null;
        foreach (var partition in partitions)
        {
            var lower = partition.Lower ?? previousUpper;
            if (lower is not null && CompareBounds(lower, partition.Upper!) >= 0)
            {
                throw new DorisException($"The lower values must smaller than upper values in partition {partition.Name}");
            }

            result.Add(partition with { Lower = lower });
            previousUpper = partition.Upper;
        }

        var ordered = result.OrderBy(p => p.Upper!, Comparer<PartitionBound>.Create(CompareBounds)).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Lower is null || CompareBounds(ordered[i].Lower!, ordered[i - 1].Upper!) < 0)
            {
                throw new DorisException($"Range of partition {ordered[i].Name} is intersected with range of partition {ordered[i - 1].Name}");
            }
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<PartitionSpec> CheckLists(ImmutableArray<PartitionSpec> partitions)
    {
        var seen = new List<(PartitionBound Value, string Partition)>();
        foreach (var partition in partitions)
        {
            foreach (var value in partition.Values)
            {
                var clash = seen.FirstOrDefault(s => EqualTuple(s.Value.Values.AsSpan(), value));
                if (clash.Partition is not null)
                {
                    throw new DorisException($"The partition value of {partition.Name} is duplicated with partition {clash.Partition}");
                }

                seen.Add((value, partition.Name));
            }
        }

        return partitions;
    }

    /// <summary>Orders a key against a bound; missing trailing bound values count as the lowest (Doris fills MIN).</summary>
    private static int CompareTuple(ReadOnlySpan<SqlValue> key, PartitionBound bound)
    {
        for (var i = 0; i < bound.Values.Length && i < key.Length; i++)
        {
            var order = ValueComparer.Compare(key[i], bound.Values[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return bound.IsMax ? -1 : key.Length > bound.Values.Length ? 1 : 0;
    }

    private static int CompareBounds(PartitionBound left, PartitionBound right)
    {
        if (left.IsMax || right.IsMax)
        {
            var common = Math.Min(left.Values.Length, right.Values.Length);
            for (var i = 0; i < common; i++)
            {
                var order = ValueComparer.Compare(left.Values[i], right.Values[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return left.IsMax == right.IsMax ? 0 : left.IsMax ? 1 : -1;
        }

        return CompareTuple(left.Values.AsSpan(), right);
    }

    private static bool EqualTuple(ReadOnlySpan<SqlValue> key, PartitionBound value)
    {
        if (key.Length != value.Values.Length)
        {
            return false;
        }

        for (var i = 0; i < key.Length; i++)
        {
            if (key[i].IsNull != value.Values[i].IsNull || (!key[i].IsNull && ValueComparer.Compare(key[i], value.Values[i]) != 0))
            {
                return false;
            }
        }

        return true;
    }
}
