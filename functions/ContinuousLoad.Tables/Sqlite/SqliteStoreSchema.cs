using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>
/// The store's own tables in every database file, created by versioned scripts applied in order under
/// the writer's lock. A file written by a newer version is refused rather than misread.
/// </summary>
internal static class SqliteStoreSchema
{
    public const int CurrentVersion = 2;

    private static readonly string[] Scripts =
    [
        // Version 1: catalog, labels and counters.
        """
        CREATE TABLE IF NOT EXISTS __cl_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS __cl_tables (name TEXT PRIMARY KEY, ddl TEXT NOT NULL, version INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS __cl_labels (
            label TEXT PRIMARY KEY,
            txn_id INTEGER NOT NULL UNIQUE,
            state TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            finished_at INTEGER,
            expires_at INTEGER,
            attachment TEXT,
            result TEXT,
            staged TEXT);
        CREATE INDEX IF NOT EXISTS __cl_labels_finished ON __cl_labels (finished_at);
        INSERT OR IGNORE INTO __cl_meta (key, value) VALUES ('next_txn_id', 1);
        """,

        // Version 2: ledgers of loaded source items (unordered streaming jobs).
        """
        CREATE TABLE IF NOT EXISTS __cl_ledger (ledger TEXT NOT NULL, item TEXT NOT NULL, PRIMARY KEY (ledger, item)) WITHOUT ROWID;
        """,
    ];

    public static void Upgrade(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        var version = Version(connection, transaction);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"{connection.DataSource} has store format {version}, newer than this version understands ({CurrentVersion})");
        }

        for (var next = version + 1; next <= CurrentVersion; next++)
        {
            SqliteConnections.Execute(connection, Scripts[next - 1], transaction);
            SqliteConnections.Execute(connection, $"PRAGMA user_version = {next}", transaction);
        }

        transaction.Commit();
    }

    private static int Version(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
