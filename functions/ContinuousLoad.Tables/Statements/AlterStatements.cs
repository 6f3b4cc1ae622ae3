using System.Collections.Immutable;
using ContinuousLoad.Sql.Conversion;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Definitions;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;
using ContinuousLoad.Tables.Writing;

namespace ContinuousLoad.Tables.Statements;

/// <summary>ALTER TABLE ... ADD COLUMN / DROP COLUMN with Doris's rules; the schema version increases by one per ALTER.</summary>
internal sealed class AlterStatements(ITableStore store, CatalogStatements catalog)
{
    public async Task<StatementResult> AlterAsync(AlterTableStatement alter, SessionContext session, CancellationToken cancellationToken)
    {
        var table = await catalog.TableAsync(session.DatabaseOf(alter.Name), alter.Name.Name, cancellationToken);
        var columns = table.Columns.ToList();
        var indexes = table.Indexes.ToList();
        var changes = new List<ColumnChange>();
        foreach (var operation in alter.Operations)
        {
            switch (operation)
            {
                case AddColumnOperation add:
                    var column = NewColumn(add.Column, table, columns);
                    columns.Insert(Position(add, table, columns), column);
                    changes.Add(new ColumnChange(column, Added: true, ColumnDefaults.For(column, session.Evaluation) ?? SqlValue.Null));
                    break;
                case DropColumnOperation drop:
                    var existing = columns.FirstOrDefault(c => !c.Hidden && c.Name.Equals(drop.Column, StringComparison.OrdinalIgnoreCase))
                        ?? throw new DorisException($"Column does not exists: {drop.Column}");
                    CheckDroppable(existing, table);
                    columns.Remove(existing);
                    indexes.RemoveAll(i => i.Columns.Contains(existing.Name, StringComparer.OrdinalIgnoreCase));
                    changes.Add(new ColumnChange(existing, Added: false));
                    break;
            }
        }

        var altered = table with { Columns = [.. columns], Indexes = [.. indexes], Version = table.Version + 1 };
        await store.AlterTableAsync(altered, changes, cancellationToken);
        return ExecResult.Done;
    }

    private static ColumnSchema NewColumn(ColumnDefinition definition, TableSchema table, List<ColumnSchema> columns)
    {
        Identifiers.Column(definition.Name);
        if (columns.Any(c => c.Name.Equals(definition.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DorisException($"Duplicate column name '{definition.Name}'");
        }

        if (definition.AutoIncrement)
        {
            throw new DorisException("Can not add an AUTO_INCREMENT column to an existing table");
        }

        var aggregation = definition.Aggregation;
        if (table.KeyModel == KeyModel.Aggregate && aggregation is null)
        {
            throw new DorisException($"Adding key column {definition.Name} is not supported; a new AGGREGATE KEY value column needs an aggregation type");
        }

        if (table.KeyModel != KeyModel.Aggregate && aggregation is not null)
        {
            throw new DorisException($"Can not assign aggregation method on column in {table.KeyModel.ToString().ToUpperInvariant()} KEY table: {definition.Name}");
        }

        var nullable = definition.Nullable ?? true;
        if (!nullable && definition.Default is null or { Kind: ColumnDefaultKind.Null })
        {
            throw new DorisException($"Can not add a NOT NULL column without a default value: {definition.Name}");
        }

        if (definition.Default is { Kind: ColumnDefaultKind.Literal, Literal: { } literal }
            && !ValueConverter.Convert(SqlValue.FromString(literal), DataType.String, definition.Type, TimeZoneInfo.Utc, checkLength: true).Succeeded)
        {
            throw new DorisException($"Invalid default value for '{definition.Name}': '{literal}' is not a valid {definition.Type}");
        }

        return new ColumnSchema(definition.Name, definition.Type, nullable, IsKey: false, aggregation, definition.Default, definition.Comment);
    }

    /// <summary>Value columns go after the keys: FIRST is refused, AFTER names any column from the last key on.</summary>
    private static int Position(AddColumnOperation add, TableSchema table, List<ColumnSchema> columns)
    {
        var lastVisible = columns.FindLastIndex(c => !c.Hidden);
        if (add.First)
        {
            throw new DorisException("Can not add value column before key column");
        }

        if (add.After is null)
        {
            return lastVisible + 1;
        }

        var after = columns.FindIndex(c => !c.Hidden && c.Name.Equals(add.After, StringComparison.OrdinalIgnoreCase));
        if (after < 0)
        {
            throw new DorisException($"Column[{add.After}] does not exist");
        }

        if (after < columns.FindLastIndex(c => c.IsKey) && table.KeyModel != KeyModel.Duplicate)
        {
            throw new DorisException("Can not add value column before key column");
        }

        return after + 1;
    }

    private static void CheckDroppable(ColumnSchema column, TableSchema table)
    {
        if (column.IsKey)
        {
            throw new DorisException($"Can not drop key column {column.Name} in {table.KeyModel.ToString().ToUpperInvariant()} KEY table");
        }

        if (table.Partitioning?.Columns.Contains(column.Name, StringComparer.OrdinalIgnoreCase) == true)
        {
            throw new DorisException($"Can not drop partition column {column.Name}");
        }

        if (table.Distribution.Columns.Contains(column.Name, StringComparer.OrdinalIgnoreCase))
        {
            throw new DorisException($"Can not drop distribution column {column.Name}");
        }

        if (table.SequenceColumn?.Name.Equals(column.Name, StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new DorisException($"Can not drop sequence mapping column {column.Name} in UNIQUE KEY table");
        }
    }
}
