using System.Security.Cryptography;
using System.Text;
using ContinuousLoad.Tables.Storage;
using Npgsql;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>
/// A write transaction on PostgreSQL. While it runs, its connection holds an advisory lock on the
/// label, so another host loading the same label sees it RUNNING; the lock dies with the connection,
/// so a crashed load never leaves its label taken.
/// </summary>
internal sealed class PostgresWriteTransaction : IWriteTransaction
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly PostgresBatchWriter _writer;
    private readonly PostgresStaging? _staging;
    private readonly long _labelLock;
    private readonly DateTime _startedUtc = DateTime.UtcNow;
    private bool _finished;

    private PostgresWriteTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, string database, string label, WriteMode mode,
        long transactionId, long labelLock, PostgresBatchWriter writer)
    {
        _connection = connection;
        _transaction = transaction;
        Database = database;
        Label = label;
        Mode = mode;
        TransactionId = transactionId;
        _labelLock = labelLock;
        _writer = writer;
        _staging = mode == WriteMode.TwoPhase ? new PostgresStaging(connection, transactionId) : null;
    }

    public string Database { get; }

    public string Label { get; }

    public long TransactionId { get; }

    public WriteMode Mode { get; }

    public static long LabelLock(string database, string label) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(database + "\0" + label)), 0);

    public static async Task<PostgresWriteTransaction> BeginAsync(NpgsqlDataSource dataSource, PostgresTableStore store, string database, string label,
        WriteMode mode, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var labelLock = LabelLock(database, label);
        try
        {
            await using (var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = labelLock } } })
            {
                if (!(bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!)
                {
                    throw new LabelAlreadyExistsException(database, label, null);
                }
            }

            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var existing = await PostgresLabels.FindAsync(connection, database, "label", label, forUpdate: false, cancellationToken);
            if (existing is { Record.State: not LabelState.Aborted })
            {
                throw new LabelAlreadyExistsException(database, label, existing.Value.Record);
            }

            await using var next = new NpgsqlCommand("SELECT nextval('cl_catalog.txn_ids')", connection);
            var transactionId = (long)(await next.ExecuteScalarAsync(cancellationToken))!;
            var writer = new PostgresBatchWriter(connection, (table, column, count, token) => store.ReserveAsync(connection, table, column, count, token));
            return new PostgresWriteTransaction(connection, transaction, database, label, mode, transactionId, labelLock, writer);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task WriteAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (_staging is not null)
        {
            await _staging.StageAsync(batch, cancellationToken);
        }
        else
        {
            await _writer.ApplyAsync(batch, cancellationToken);
        }
    }

    public async Task<LabelRecord> CommitAsync(LabelCommit commit, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        commit.EnsureAllowedIn(Mode);
        var now = DateTime.UtcNow;
        var record = Mode == WriteMode.TwoPhase
            ? new LabelRecord(Database, Label, TransactionId, LabelState.Prepared, _startedUtc, null,
                now + (commit.PreparedTimeout ?? TimeSpan.FromHours(1)), commit.Attachment, commit.Result)
            : new LabelRecord(Database, Label, TransactionId, LabelState.Visible, _startedUtc, now, null, commit.Attachment, commit.Result);
        await PostgresLabels.InsertAsync(_connection, record, _staging?.Describe(), cancellationToken);
        if (commit.Ledger is { } ledger)
        {
            await PostgresLedger.RecordAsync(_connection, Database, ledger, cancellationToken);
        }

        await _transaction.CommitAsync(cancellationToken);
        await FinishAsync();
        return record;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            await _transaction.RollbackAsync();
            await FinishAsync();
        }
    }

    private async Task FinishAsync()
    {
        _finished = true;
        await _transaction.DisposeAsync();
        await using (var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", _connection) { Parameters = { new() { Value = _labelLock } } })
        {
            await unlock.ExecuteScalarAsync();
        }

        await _connection.DisposeAsync();
    }
}
