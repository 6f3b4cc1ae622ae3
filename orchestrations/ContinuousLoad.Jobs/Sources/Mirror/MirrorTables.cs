using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Jobs.Sources.Mirror;

/// <summary>The target tables of a database-level job: created for the source tables that have none, used as they are otherwise (spec B.7).</summary>
public static class MirrorTables
{
    /// <exception cref="DorisException">A source table has no primary key (all such are named at once), or a target cannot be created.</exception>
    public static async Task EnsureAsync(ITableStore store, CompiledJob job, IReadOnlyList<MirroredTable> tables, CancellationToken cancellationToken)
    {
        var keyless = tables.Where(t => t.Key.Count == 0).Select(t => t.Source).ToList();
        if (keyless.Count > 0)
        {
            throw new DorisException($"Source tables without a primary key cannot be synchronized (a database-level job upserts and deletes by key): " +
                                     $"{string.Join(", ", keyless)}. Add a primary key, or leave them out with exclude_tables");
        }

        var cdc = (CdcStreamSource)job.Source;
        var target = job.Target!;
        foreach (var table in tables)
        {
            var name = cdc.Tables.TargetOf(table.Source);
            if (await store.FindTableAsync(target.Database, name, cancellationToken) is not null)
            {
                continue;
            }

            var create = (CreateTableStatement)SqlParser.ParseStatement(table.CreateSql(target.Database, name, cdc.Tables, target), SqlLimits.Trusted);
            await store.CreateTableAsync(TableSchemaBuilder.Build(create, target.Database), ifNotExists: true, cancellationToken);
        }
    }
}
