using ContinuousLoad.Tables.Storage;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>The label table of one database file: find, record (an aborted label may be taken again) and change state.</summary>
internal static class SqliteLabels
{
    private const string Columns = "label, txn_id, state, created_at, finished_at, expires_at, attachment, result, staged";

    public static LabelRecord? Find(SqliteConnection connection, string database, string where, object key, SqliteTransaction? transaction = null) =>
        Read(connection, database, $"SELECT {Columns} FROM __cl_labels WHERE {where} = $key", transaction, ("$key", key)).Select(r => r.Record).FirstOrDefault();

    public static (LabelRecord Record, string? Staged)? FindWithStaging(SqliteConnection connection, string database, string where, object key, SqliteTransaction transaction) =>
        Read(connection, database, $"SELECT {Columns} FROM __cl_labels WHERE {where} = $key", transaction, ("$key", key)) is [var found, ..]
            ? found
            : null;

    /// <exception cref="LabelAlreadyExistsException">The label is committed or pre-committed.</exception>
    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, LabelRecord record, string? staged)
    {
        var existing = Find(connection, record.Database, "label", record.Label, transaction);
        if (existing is { State: not LabelState.Aborted })
        {
            throw new LabelAlreadyExistsException(record.Database, record.Label, existing);
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT OR REPLACE INTO __cl_labels ({Columns}) VALUES ($label, $txn, $state, $created, $finished, $expires, $attachment, $result, $staged)";
        command.Parameters.AddWithValue("$label", record.Label);
        command.Parameters.AddWithValue("$txn", record.TransactionId);
        command.Parameters.AddWithValue("$state", record.State.ToString());
        command.Parameters.AddWithValue("$created", Millis(record.CreatedUtc));
        command.Parameters.AddWithValue("$finished", (object?)Millis(record.FinishedUtc) ?? DBNull.Value);
        command.Parameters.AddWithValue("$expires", (object?)Millis(record.ExpiresUtc) ?? DBNull.Value);
        command.Parameters.AddWithValue("$attachment", (object?)record.Attachment ?? DBNull.Value);
        command.Parameters.AddWithValue("$result", (object?)record.Result ?? DBNull.Value);
        command.Parameters.AddWithValue("$staged", (object?)staged ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    public static void Finish(SqliteConnection connection, SqliteTransaction transaction, string label, LabelState state, DateTime finishedUtc)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE __cl_labels SET state = $state, finished_at = $finished, expires_at = NULL, staged = NULL WHERE label = $label";
        command.Parameters.AddWithValue("$state", state.ToString());
        command.Parameters.AddWithValue("$finished", Millis(finishedUtc));
        command.Parameters.AddWithValue("$label", label);
        command.ExecuteNonQuery();
    }

    public static IReadOnlyList<string> ExpiredPrepared(SqliteConnection connection, DateTime nowUtc) =>
        Read(connection, "", $"SELECT {Columns} FROM __cl_labels WHERE state = 'Prepared' AND expires_at <= $now", null, ("$now", Millis(nowUtc)))
            .Select(r => r.Record.Label).ToList();

    public static int DeleteFinishedBefore(SqliteConnection connection, DateTime cutoffUtc)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM __cl_labels WHERE state IN ('Visible', 'Aborted') AND finished_at < $cutoff";
        command.Parameters.AddWithValue("$cutoff", Millis(cutoffUtc));
        return command.ExecuteNonQuery();
    }

    public static long Millis(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    private static long? Millis(DateTime? utc) => utc is { } value ? Millis(value) : null;

    private static List<(LabelRecord Record, string? Staged)> Read(SqliteConnection connection, string database, string sql, SqliteTransaction? transaction,
        params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var records = new List<(LabelRecord, string?)>();
        while (reader.Read())
        {
            records.Add((new LabelRecord(
                database,
                reader.GetString(0),
                reader.GetInt64(1),
                Enum.Parse<LabelState>(reader.GetString(2)),
                Time(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : Time(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : Time(reader.GetInt64(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return records;
    }

    private static DateTime Time(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime;
}
