using System.Text.Json;
using ContinuousLoad.Tables.Storage;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>Ledger entries in a database file's <c>__cl_ledger</c> (see <see cref="LedgerEntries"/>).</summary>
internal static class SqliteLedger
{
    public static void Record(SqliteConnection connection, SqliteTransaction transaction, LedgerEntries entries)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR IGNORE INTO __cl_ledger (ledger, item) SELECT $ledger, value FROM json_each($items)";
        command.Parameters.AddWithValue("$ledger", entries.Ledger);
        command.Parameters.AddWithValue("$items", JsonSerializer.Serialize(entries.Items));
        command.ExecuteNonQuery();
    }

    public static IReadOnlySet<string> Find(SqliteConnection connection, string ledger, IReadOnlyCollection<string> items)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT item FROM __cl_ledger WHERE ledger = $ledger AND item IN (SELECT value FROM json_each($items))";
        command.Parameters.AddWithValue("$ledger", ledger);
        command.Parameters.AddWithValue("$items", JsonSerializer.Serialize(items));
        using var reader = command.ExecuteReader();
        var found = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    public static void Forget(SqliteConnection connection, string ledger)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM __cl_ledger WHERE ledger = $ledger";
        command.Parameters.AddWithValue("$ledger", ledger);
        command.ExecuteNonQuery();
    }
}
