using System.Collections.Immutable;
using ContinuousLoad.Sql.Conversion;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Definitions;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Tables.Catalog;

/// <summary>Turns CREATE TABLE into a validated <see cref="TableSchema"/>, applying Doris's defaults and checks.</summary>
public static class TableSchemaBuilder
{
    public static TableSchema Build(CreateTableStatement create, string database)
    {
        Identifiers.Database(database);
        var name = Identifiers.Table(create.Name.Name);
        if (create.Engine is { } engine && !engine.Equals("OLAP", StringComparison.OrdinalIgnoreCase))
        {
            throw new DorisException($"Unsupported engine '{engine}'; only ENGINE=OLAP tables are served");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in create.Columns)
        {
            Identifiers.Column(column.Name);
            if (!seen.Add(column.Name))
            {
                throw new DorisException($"Duplicate column name '{column.Name}'");
            }
        }

        var keys = create.Keys ?? DefaultKeys(create.Columns);
        CheckKeyPrefix(keys, create.Columns);
        var columns = create.Columns.Select(c => Column(c, keys)).ToList();
        var properties = create.Properties.AsImmutableArray();
        AddHiddenColumns(keys.Model, columns, properties);

        var partitioning = create.Partition is null ? null : PartitionScheme.Build(create.Partition, columns, keys.Model, Dynamic(properties));
        var distribution = Distribution(create.Distribution, keys, columns);
        foreach (var index in create.Indexes)
        {
            foreach (var indexed in index.Columns.Where(c => !seen.Contains(c)))
            {
                throw new DorisException($"Column does not exist in table. invalid column: {indexed}");
            }
        }

        return new TableSchema(database, name, keys.Model, [.. columns], create.Indexes.AsImmutableArray(), create.Comment,
            partitioning, distribution, properties);
    }

    /// <summary>
    /// Without a key clause Doris makes an AGGREGATE table when columns name aggregations, else a
    /// DUPLICATE table keyed by up to three leading columns (stopping after a string column).
    /// </summary>
    private static KeyDescription DefaultKeys(NodeList<ColumnDefinition> columns)
    {
        if (columns.Any(c => c.Aggregation is not null))
        {
            return new KeyDescription(KeyModel.Aggregate, new NodeList<string>(columns.Where(c => c.Aggregation is null).Select(c => c.Name)));
        }

        var keys = new List<string>();
        foreach (var column in columns)
        {
            if (keys.Count == 3 || KeyTypeProblem(column.Type) is not null)
            {
                break;
            }

            keys.Add(column.Name);
            if (column.Type.IsString)
            {
                break;
            }
        }

        return new KeyDescription(KeyModel.Duplicate, new NodeList<string>(keys));
    }

    private static void CheckKeyPrefix(KeyDescription keys, NodeList<ColumnDefinition> columns)
    {
        if (keys.Columns.IsEmpty)
        {
            throw new DorisException("The table must have at least one key column");
        }

        for (var i = 0; i < keys.Columns.Count; i++)
        {
            if (i >= columns.Count || !columns[i].Name.Equals(keys.Columns[i], StringComparison.OrdinalIgnoreCase))
            {
                if (!columns.Any(c => c.Name.Equals(keys.Columns[i], StringComparison.OrdinalIgnoreCase)))
                {
                    throw new DorisException($"Key column[{keys.Columns[i]}] does not exist in column list");
                }

                throw new DorisException($"Key columns should be a ordered prefix of the schema. KeyColumns[{i}] (starts from zero) is {keys.Columns[i]}, " +
                                         $"but corresponding column is {(i < columns.Count ? columns[i].Name : "missing")} in the previous columns declaration.");
            }

            if (KeyTypeProblem(columns[i].Type) is { } problem)
            {
                throw new DorisException($"{problem} (key column {columns[i].Name})");
            }
        }
    }

    private static string? KeyTypeProblem(DataType type) => type.Kind switch
    {
        TypeKind.Float or TypeKind.Double => "Float or double can not used as a key, use decimal instead.",
        TypeKind.String => "String Type should not be used in key column, use VARCHAR instead.",
        TypeKind.Json => "JSON type should not be used in key column.",
        TypeKind.Array => "Array can only be used in the non-key column of the duplicate table at present.",
        _ => null,
    };

    private static ColumnSchema Column(ColumnDefinition definition, KeyDescription keys)
    {
        var isKey = keys.Columns.Contains(definition.Name, StringComparer.OrdinalIgnoreCase);
        var aggregation = definition.Aggregation;
        switch (keys.Model)
        {
            case KeyModel.Aggregate when isKey && aggregation is not null:
                throw new DorisException($"Key column {definition.Name} can not set aggregation type");
            case KeyModel.Aggregate when !isKey && aggregation is null:
                throw new DorisException($"Value column {definition.Name} of an AGGREGATE KEY table needs an aggregation type (SUM, MAX, MIN, REPLACE or REPLACE_IF_NOT_NULL)");
            case KeyModel.Aggregate when aggregation is AggregationKind.Sum && !definition.Type.IsNumeric:
                throw new DorisException($"Aggregate type SUM is not compatible with primitive type {definition.Type} of column {definition.Name}");
            case KeyModel.Duplicate or KeyModel.Unique when aggregation is not null:
                throw new DorisException($"Column {definition.Name} can not set aggregation type {aggregation.ToString()!.ToUpperInvariant()} in a {keys.Model.ToString().ToUpperInvariant()} KEY table");
        }

        if (definition.Type.Kind == TypeKind.Array && keys.Model != KeyModel.Duplicate && aggregation is not (null or AggregationKind.Replace or AggregationKind.ReplaceIfNotNull))
        {
            throw new DorisException($"Array column {definition.Name} can only use REPLACE or REPLACE_IF_NOT_NULL aggregation");
        }

        if (definition.AutoIncrement && (definition.Type.Kind != TypeKind.BigInt || definition.Nullable == true))
        {
            throw new DorisException($"The AUTO_INCREMENT column {definition.Name} must be BIGINT NOT NULL");
        }

        var nullable = definition.Nullable ?? !definition.AutoIncrement;
        CheckDefault(definition, nullable);
        return new ColumnSchema(definition.Name, definition.Type, nullable, isKey, aggregation, definition.Default, definition.Comment, definition.AutoIncrement);
    }

    private static void CheckDefault(ColumnDefinition column, bool nullable)
    {
        switch (column.Default?.Kind)
        {
            case ColumnDefaultKind.Null when !nullable:
                throw new DorisException($"Can not set null default value to non nullable column: {column.Name}");
            case ColumnDefaultKind.CurrentTimestamp when column.Type.Kind != TypeKind.DateTime:
                throw new DorisException($"Types other than DATETIME and DATETIMEV2 cannot use current_timestamp as the default value (column {column.Name})");
            case ColumnDefaultKind.CurrentDate when column.Type.Kind != TypeKind.Date:
                throw new DorisException($"Types other than DATE cannot use current_date as the default value (column {column.Name})");
            case ColumnDefaultKind.Literal:
                var converted = ValueConverter.Convert(SqlValue.FromString(column.Default.Literal!), DataType.String, column.Type, TimeZoneInfo.Utc, checkLength: true);
                if (!converted.Succeeded)
                {
                    throw new DorisException($"Invalid default value for '{column.Name}': '{column.Default.Literal}' is not a valid {column.Type}");
                }

                break;
        }
    }

    /// <summary>Doris's dynamic partitions create partitions around the current time by themselves: every row has one.</summary>
    private static bool Dynamic(ImmutableArray<Property> properties) =>
        properties.Any(p => p.Key.Equals("dynamic_partition.enable", StringComparison.OrdinalIgnoreCase) && p.Value.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>UNIQUE tables carry the delete sign; <c>function_column.sequence_type</c> adds a hidden sequence column.</summary>
    private static void AddHiddenColumns(KeyModel model, List<ColumnSchema> columns, ImmutableArray<Property> properties)
    {
        var sequenceColumn = properties.FirstOrDefault(p => p.Key.Equals(TableSchema.SequenceColumnProperty, StringComparison.OrdinalIgnoreCase))?.Value;
        var sequenceType = properties.FirstOrDefault(p => p.Key.Equals(TableSchema.SequenceTypeProperty, StringComparison.OrdinalIgnoreCase))?.Value;
        if ((sequenceColumn ?? sequenceType) is not null && model != KeyModel.Unique)
        {
            throw new DorisException("Sequence column only support UNIQUE_KEYS");
        }

        if (sequenceColumn is not null && sequenceType is not null)
        {
            throw new DorisException("The sequence_col and sequence_type cannot be set at the same time");
        }

        if (sequenceColumn is not null)
        {
            var mapped = columns.FirstOrDefault(c => c.Name.Equals(sequenceColumn, StringComparison.OrdinalIgnoreCase))
                ?? throw new DorisException($"The specified sequence column[{sequenceColumn}] not exists");
            if (!IsSequenceType(mapped.Type))
            {
                throw new DorisException($"Sequence type only support integer types and date types, not {mapped.Type}");
            }
        }

        if (model == KeyModel.Unique)
        {
            columns.Add(new ColumnSchema(Identifiers.DeleteSignColumn, DataType.TinyInt, Nullable: false, IsKey: false,
                Default: ColumnDefault.Of("0"), Hidden: true));
        }

        if (sequenceType is not null)
        {
            DataType type;
            try
            {
                type = SqlParser.ParseDataType(sequenceType);
            }
            catch (SqlSyntaxException)
            {
                throw new DorisException($"Invalid sequence type '{sequenceType}'");
            }

            if (!IsSequenceType(type))
            {
                throw new DorisException($"Sequence type only support integer types and date types, not {type}");
            }

            columns.Add(new ColumnSchema(Identifiers.SequenceColumn, type, Nullable: true, IsKey: false, Hidden: true));
        }
    }

    private static bool IsSequenceType(DataType type) => type.IsInteger || type.IsTemporal;

    /// <summary>Doris's defaults when DISTRIBUTED BY is left out: RANDOM for DUPLICATE tables, HASH of the keys otherwise; AUTO buckets.</summary>
    private static DistributionDescription Distribution(DistributionDescription? distribution, KeyDescription keys, List<ColumnSchema> columns)
    {
        if (distribution is null)
        {
            return keys.Model == KeyModel.Duplicate
                ? new DistributionDescription(true, NodeList<string>.Empty, null)
                : new DistributionDescription(false, keys.Columns, null);
        }

        if (distribution.Random && keys.Model == KeyModel.Unique)
        {
            throw new DorisException("Random distribution for unique key table is unsupported");
        }

        foreach (var name in distribution.Columns)
        {
            var column = columns.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? throw new DorisException($"Distribution column[{name}] is not found");
            if (keys.Model != KeyModel.Duplicate && !column.IsKey)
            {
                throw new DorisException($"Distribution column[{name}] is not key column");
            }

            if (column.Type.Kind is TypeKind.Float or TypeKind.Double or TypeKind.Json or TypeKind.Array)
            {
                throw new DorisException($"Distribution column[{name}] of type {column.Type} can not be used");
            }
        }

        return distribution;
    }
}
