using ContinuousLoad.Tables.Storage;
using Npgsql;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>Ledger entries in <c>cl_catalog.ledger</c>, one row per (database, ledger, item) (see <see cref="LedgerEntries"/>).</summary>
internal static class PostgresLedger
{
    public static Task RecordAsync(NpgsqlConnection connection, string database, LedgerEntries entries, CancellationToken cancellationToken) =>
        PostgresCommands.ExecuteAsync(connection,
            "INSERT INTO cl_catalog.ledger (database, ledger, item) SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING",
            cancellationToken, database, entries.Ledger, entries.Items.ToArray());

    public static async Task<IReadOnlySet<string>> FindAsync(NpgsqlConnection connection, string database, string ledger, IReadOnlyCollection<string> items,
        CancellationToken cancellationToken) =>
        new HashSet<string>(await PostgresCommands.ListAsync(connection,
            "SELECT item FROM cl_catalog.ledger WHERE database = $1 AND ledger = $2 AND item = ANY($3::text[])",
            cancellationToken, database, ledger, items.ToArray()), StringComparer.Ordinal);

    public static Task ForgetAsync(NpgsqlConnection connection, string database, string ledger, CancellationToken cancellationToken) =>
        PostgresCommands.ExecuteAsync(connection, "DELETE FROM cl_catalog.ledger WHERE database = $1 AND ledger = $2", cancellationToken, database, ledger);
}
