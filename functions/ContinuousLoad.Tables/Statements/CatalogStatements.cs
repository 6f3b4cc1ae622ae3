using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Syntax.Definitions;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Tables.Statements;

/// <summary>Databases and tables: CREATE/DROP, SHOW, DESC, SHOW CREATE TABLE and TRUNCATE.</summary>
internal sealed class CatalogStatements(ITableStore store)
{
    public async Task<StatementResult> CreateDatabaseAsync(CreateDatabaseStatement create, CancellationToken cancellationToken)
    {
        await store.CreateDatabaseAsync(create.Name, create.IfNotExists, cancellationToken);
        return ExecResult.Done;
    }

    public async Task<StatementResult> DropDatabaseAsync(DropDatabaseStatement drop, CancellationToken cancellationToken)
    {
        await store.DropDatabaseAsync(drop.Name, drop.IfExists, cancellationToken);
        return ExecResult.Done;
    }

    public async Task<StatementResult> UseAsync(UseStatement use, CancellationToken cancellationToken)
    {
        await RequireDatabaseAsync(use.Database, cancellationToken);
        return ExecResult.Done with { Database = use.Database };
    }

    public async Task<StatementResult> ShowDatabasesAsync(ShowDatabasesStatement show, CancellationToken cancellationToken)
    {
        var names = await store.ListDatabasesAsync(cancellationToken);
        return ResultSets.Text(["Database"], names.Where(n => Like(n, show.Like)).Select(n => new string?[] { n }));
    }

    public async Task<StatementResult> CreateTableAsync(CreateTableStatement create, SessionContext session, CancellationToken cancellationToken)
    {
        var database = session.DatabaseOf(create.Name);
        await RequireDatabaseAsync(database, cancellationToken);
        await store.CreateTableAsync(TableSchemaBuilder.Build(create, database), create.IfNotExists, cancellationToken);
        return ExecResult.Done;
    }

    public async Task<StatementResult> DropTableAsync(DropTableStatement drop, SessionContext session, CancellationToken cancellationToken)
    {
        var database = session.DatabaseOf(drop.Name);
        await RequireDatabaseAsync(database, cancellationToken);
        await store.DropTableAsync(database, drop.Name.Name, drop.IfExists, cancellationToken);
        return ExecResult.Done;
    }

    public async Task<StatementResult> TruncateAsync(TruncateTableStatement truncate, SessionContext session, CancellationToken cancellationToken)
    {
        var table = await TableAsync(session.DatabaseOf(truncate.Name), truncate.Name.Name, cancellationToken);
        await store.TruncateTableAsync(table, truncate.Partitions, cancellationToken);
        return ExecResult.Done;
    }

    public async Task<StatementResult> ShowTablesAsync(ShowTablesStatement show, SessionContext session, CancellationToken cancellationToken)
    {
        var database = show.Database ?? session.DefaultDatabase ?? throw new DorisException("No database selected");
        await RequireDatabaseAsync(database, cancellationToken);
        var names = (await store.ListTablesAsync(database, cancellationToken)).Where(n => Like(n, show.Like));
        return show.Full
            ? ResultSets.Text([$"Tables_in_{database}", "Table_type"], names.Select(n => new string?[] { n, "BASE TABLE" }))
            : ResultSets.Text([$"Tables_in_{database}"], names.Select(n => new string?[] { n }));
    }

    public async Task<StatementResult> ShowCreateTableAsync(ShowCreateTableStatement show, SessionContext session, CancellationToken cancellationToken)
    {
        var table = await TableAsync(session.DatabaseOf(show.Name), show.Name.Name, cancellationToken);
        return ResultSets.Text(["Table", "Create Table"], [[table.Name, TableDdl.Write(table)]]);
    }

    /// <summary>DESC: Field, Type, Null (Yes/No), Key (true/false), Default, Extra; DESC ... ALL adds the hidden columns.</summary>
    public async Task<StatementResult> DescribeAsync(DescribeStatement describe, SessionContext session, CancellationToken cancellationToken)
    {
        var table = await TableAsync(session.DatabaseOf(describe.Name), describe.Name.Name, cancellationToken);
        string?[] Row(ColumnSchema c) =>
        [
            c.Name, c.Type.ToString(), c.Nullable ? "Yes" : "No", c.IsKey ? "true" : "false", DefaultText(c), Extra(c, table),
        ];
        if (!describe.All)
        {
            return ResultSets.Text(["Field", "Type", "Null", "Key", "Default", "Extra"], table.VisibleColumns.Select(Row));
        }

        var keysType = table.KeyModel switch { KeyModel.Duplicate => "DUP_KEYS", KeyModel.Unique => "UNIQUE_KEYS", _ => "AGG_KEYS" };
        return ResultSets.Text(
            ["IndexName", "IndexKeysType", "Field", "Type", "InternalType", "Null", "Key", "Default", "Extra", "Visible", "DefineExpr", "WhereClause"],
            table.Columns.Select((c, i) => new string?[]
            {
                i == 0 ? table.Name : "", i == 0 ? keysType : "", c.Name, c.Type.ToString(), c.Type.ToString(), c.Nullable ? "Yes" : "No",
                c.IsKey ? "true" : "false", DefaultText(c), Extra(c, table), c.Hidden ? "false" : "true", "", "",
            }));
    }

    private static string? DefaultText(ColumnSchema column) => column.Default switch
    {
        null or { Kind: ColumnDefaultKind.Null } => null,
        { Kind: ColumnDefaultKind.CurrentTimestamp } => "CURRENT_TIMESTAMP",
        { Kind: ColumnDefaultKind.CurrentDate } => "CURRENT_DATE",
        { } d => d.Literal,
    };

    /// <summary>Doris's Extra: the aggregation of AGGREGATE value columns, NONE for other value columns, empty for keys.</summary>
    private static string Extra(ColumnSchema column, TableSchema table)
    {
        var parts = new List<string>();
        if (!column.IsKey)
        {
            parts.Add(table.KeyModel == KeyModel.Aggregate && column.Aggregation is { } aggregation ? TableDdl.Aggregation(aggregation) : "NONE");
        }

        if (column.AutoIncrement)
        {
            parts.Add("AUTO_INCREMENT");
        }

        return string.Join(",", parts);
    }

    private async Task RequireDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        if (!await store.DatabaseExistsAsync(database, cancellationToken))
        {
            throw DorisException.UnknownDatabase(database);
        }
    }

    public async Task<TableSchema> TableAsync(string database, string table, CancellationToken cancellationToken) =>
        await store.FindTableAsync(database, table, cancellationToken) ?? throw DorisException.UnknownTable(database, table);

    private static bool Like(string name, string? pattern) =>
        pattern is null || LikePattern.Matches(name, pattern, regexp: false) == true;
}
