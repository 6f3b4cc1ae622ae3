using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Metadata;
using Npgsql;

namespace ContinuousLoad.IntegrationTests.Sources.Postgres;

/// <summary>Schemas, tables, columns (type, modifier, nullability), primary keys, comments and replica identity from the catalog.</summary>
public sealed class MetadataTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Reads_columns_keys_comments_and_replica_identity()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var (table, keyless) = (scope.Table(), scope.Table("_b"));
        await scope.ExecuteAsync(
            $"""
            CREATE TABLE {table.Quoted} (name varchar(20) NOT NULL, amount numeric(10, 2), dropped int, region int, PRIMARY KEY (region, name));
            ALTER TABLE {table.Quoted} DROP COLUMN dropped;
            ALTER TABLE {table.Quoted} REPLICA IDENTITY FULL;
            COMMENT ON TABLE {table.Quoted} IS 'orders';
            COMMENT ON COLUMN {table.Quoted}.amount IS 'in euros';
            CREATE TABLE {keyless.Quoted} (v text);
            """,
            Token);
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync(Token);

        var metadata = await MetadataReader.ReadTableAsync(connection, table, Token);
        var tables = await MetadataReader.ListTablesAsync(connection, "public", Token);
        var schemas = await MetadataReader.ListSchemasAsync(connection, Token);
        var missing = await Assert.ThrowsAsync<PostgresSourceException>(() => MetadataReader.ReadTableAsync(connection, scope.Table("_none"), Token));
        var noKey = await MetadataReader.ReadTableAsync(connection, keyless, Token);

        Assert.Equal(("orders", ReplicaIdentity.Full, false), (metadata.Comment, metadata.ReplicaIdentity, metadata.IsPartitioned));
        Assert.Equal(
            [
                new ColumnMetadata("name", 1, 1043, 24, "character varying(20)", false, null, 2),
                new ColumnMetadata("amount", 2, 1700, ((10 << 16) | 2) + 4, "numeric(10,2)", true, "in euros", 0),
                new ColumnMetadata("region", 4, 23, -1, "integer", false, null, 1),
            ],
            metadata.Columns);
        Assert.Equal(["region", "name"], metadata.PrimaryKey.Select(c => c.Name));
        Assert.Contains(table.Name, tables);
        Assert.Contains("public", schemas);
        Assert.Equal(PostgresSourceError.TableMissing, missing.Error);
        Assert.Empty(noKey.PrimaryKey);
        Assert.Equal(ReplicaIdentity.Default, noKey.ReplicaIdentity);
    }
}
