using Npgsql;

namespace ContinuousLoad.Sources.Postgres.Replication;

/// <summary>
/// The publication pgoutput filters by. Ours is <c>FOR TABLE</c> exactly the source's tables, with
/// publish_via_partition_root (PostgreSQL 13+) so a partitioned table's changes arrive under its own
/// name, not its partitions'. A user's publication is only checked: it must exist and cover every table.
/// </summary>
internal static class PublicationManager
{
    public static async Task EnsureOwnedAsync(NpgsqlConnection connection, string publication, IReadOnlyList<TableName> tables, CancellationToken cancellationToken)
    {
        var covered = await CoveredTablesAsync(connection, publication, cancellationToken);
        var list = string.Join(", ", tables.Select(t => t.Quoted));
        if (covered is null)
        {
            var viaRoot = connection.PostgreSqlVersion.Major >= 13 ? " WITH (publish_via_partition_root = true)" : "";
            await ExecuteAsync(connection, $"CREATE PUBLICATION {TableName.QuoteIdentifier(publication)} FOR TABLE {list}{viaRoot}", cancellationToken);
            return;
        }

        var missing = tables.Where(t => !covered.Contains(t)).ToList();
        if (missing.Count > 0)
        {
            await ExecuteAsync(connection, $"ALTER PUBLICATION {TableName.QuoteIdentifier(publication)} ADD TABLE {string.Join(", ", missing.Select(t => t.Quoted))}", cancellationToken);
        }
    }

    public static async Task VerifyUserAsync(NpgsqlConnection connection, string publication, IReadOnlyList<TableName> tables, CancellationToken cancellationToken)
    {
        var covered = await CoveredTablesAsync(connection, publication, cancellationToken) ?? throw new PostgresSourceException(
            PostgresSourceError.PublicationMissing,
            $"Publication '{publication}' does not exist in database '{connection.Database}'. Create it (CREATE PUBLICATION {publication} FOR TABLE ...) or let the source create its own.");
        var missing = tables.Where(t => !covered.Contains(t)).ToList();
        if (missing.Count > 0)
        {
            throw new PostgresSourceException(
                PostgresSourceError.PublicationDoesNotCoverTable,
                $"Publication '{publication}' does not publish {string.Join(", ", missing)}. Add them (ALTER PUBLICATION {publication} ADD TABLE ...).");
        }
    }

    public static Task DropAsync(NpgsqlConnection connection, string publication, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, $"DROP PUBLICATION IF EXISTS {TableName.QuoteIdentifier(publication)}", cancellationToken);

    /// <summary>The tables a publication publishes (partitions show as their root under publish_via_partition_root), or null when it does not exist.</summary>
    private static async Task<HashSet<TableName>?> CoveredTablesAsync(NpgsqlConnection connection, string publication, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_publication WHERE pubname = $1", connection) { Parameters = { new() { Value = publication } } };
        if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            return null;
        }

        await using var command = new NpgsqlCommand(
            "SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = $1", connection) { Parameters = { new() { Value = publication } } };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tables = new HashSet<TableName>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tables.Add(new TableName(reader.GetString(0), reader.GetString(1)));
        }

        return tables;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
