using ContinuousLoad.Tables.Storage;
using Npgsql;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>Label records in <c>cl_catalog.labels</c>, one row per (database, label).</summary>
internal static class PostgresLabels
{
    private const string Columns = "label, txn_id, state, created_at, finished_at, expires_at, attachment, result, staged";

    public static async Task<(LabelRecord Record, string? Staged)?> FindAsync(NpgsqlConnection connection, string database, string where, object key,
        bool forUpdate, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM cl_catalog.labels WHERE database = $1 AND {where} = $2{(forUpdate ? " FOR UPDATE" : "")}", connection)
        {
            Parameters = { new() { Value = database }, new() { Value = key } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (new LabelRecord(database, reader.GetString(0), reader.GetInt64(1), Enum.Parse<LabelState>(reader.GetString(2)),
            reader.GetDateTime(3), reader.IsDBNull(4) ? null : reader.GetDateTime(4), reader.IsDBNull(5) ? null : reader.GetDateTime(5),
            reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7)),
            reader.IsDBNull(8) ? null : reader.GetString(8));
    }

    /// <exception cref="LabelAlreadyExistsException">The label is committed or pre-committed (by another host too).</exception>
    public static async Task InsertAsync(NpgsqlConnection connection, LabelRecord record, string? staged, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO cl_catalog.labels (database, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (database, label) DO UPDATE SET
                txn_id = excluded.txn_id, state = excluded.state, created_at = excluded.created_at, finished_at = excluded.finished_at,
                expires_at = excluded.expires_at, attachment = excluded.attachment, result = excluded.result, staged = excluded.staged
            WHERE cl_catalog.labels.state = 'Aborted'
            """, connection)
        {
            Parameters =
            {
                new() { Value = record.Database },
                new() { Value = record.Label },
                new() { Value = record.TransactionId },
                new() { Value = record.State.ToString() },
                new() { Value = record.CreatedUtc },
                new() { Value = (object?)record.FinishedUtc ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz },
                new() { Value = (object?)record.ExpiresUtc ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz },
                new() { Value = (object?)record.Attachment ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                new() { Value = (object?)record.Result ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                new() { Value = (object?)staged ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
            },
        };
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            var existing = await FindAsync(connection, record.Database, "label", record.Label, forUpdate: false, cancellationToken);
            throw new LabelAlreadyExistsException(record.Database, record.Label, existing?.Record);
        }
    }

    public static async Task FinishAsync(NpgsqlConnection connection, string database, string label, LabelState state, DateTime finishedUtc,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE cl_catalog.labels SET state = $3, finished_at = $4, expires_at = NULL, staged = NULL WHERE database = $1 AND label = $2", connection)
        {
            Parameters = { new() { Value = database }, new() { Value = label }, new() { Value = state.ToString() }, new() { Value = finishedUtc } },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
