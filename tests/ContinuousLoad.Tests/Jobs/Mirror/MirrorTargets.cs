using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tests.Jobs.Mirror;

/// <summary>Target tables of a database-level job, as the catalog holds them, for the tests of what it compares with its sources.</summary>
internal static class MirrorTargets
{
    public static readonly TableSelection Whole = new(true, [], [], new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>>());

    /// <param name="listed">The value of <c>mirror.source_columns</c>; null: the table is not one the job created.</param>
    public static TableSchema Table(string name, string columns, string? listed = null) =>
        TableSchemaBuilder.Build((CreateTableStatement)SqlParser.ParseStatement(
            $"CREATE TABLE {name} ({columns}) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1" +
            (listed is null ? "" : $" PROPERTIES ('mirror.source_columns' = '{listed}')")), "shop");

    public static TableSchema Orders(string name) => Table(name, "id BIGINT NOT NULL, amount DECIMAL(10,2)");

    public static TableSchema Customers(string name) => Table(name, "id BIGINT NOT NULL, name VARCHAR(60)");
}
