using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>
/// A write transaction on one database file: holds the writer and an IMMEDIATE SQLite transaction
/// from begin to commit, so data, label and attachment commit atomically (or nothing does).
/// </summary>
internal sealed class SqliteWriteTransaction : IWriteTransaction
{
    private readonly SqliteDatabase.WriterLease _lease;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteBatchWriter _writer;
    private readonly SqliteStaging? _staging;
    private readonly Action _releaseLabel;
    private readonly DateTime _startedUtc = DateTime.UtcNow;
    private bool _finished;

    private SqliteWriteTransaction(SqliteDatabase.WriterLease lease, string label, WriteMode mode, Action releaseLabel)
    {
        _lease = lease;
        _releaseLabel = releaseLabel;
        Label = label;
        Mode = mode;
        var connection = lease.Connection;

        // Reserved on its own, before the transaction: an id is never handed out twice, even when a load rolls back.
        TransactionId = SqliteDatabase.Reserve(connection, null, "next_txn_id", 1);
        _transaction = connection.BeginTransaction(deferred: false);
        var existing = SqliteLabels.Find(connection, Database, "label", label, _transaction);
        if (existing is { State: not LabelState.Aborted })
        {
            _transaction.Dispose();
            throw new LabelAlreadyExistsException(Database, label, existing);
        }

        _writer = new SqliteBatchWriter(connection, (table, column, count) =>
            SqliteDatabase.Reserve(connection, _transaction, $"auto_increment:{table.Name}:{column.Name}", count));
        _staging = mode == WriteMode.TwoPhase ? new SqliteStaging(connection, _transaction, TransactionId) : null;
    }

    public string Database => _lease.Database.Name;

    public string Label { get; }

    public long TransactionId { get; }

    public WriteMode Mode { get; }

    /// <summary>Takes the writer (waiting for other writers) and begins; the label must already be reserved.</summary>
    public static async Task<SqliteWriteTransaction> BeginAsync(SqliteDatabase database, string label, WriteMode mode, Action releaseLabel,
        CancellationToken cancellationToken)
    {
        var lease = await database.AcquireWriterAsync(cancellationToken);
        try
        {
            return new SqliteWriteTransaction(lease, label, mode, releaseLabel);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    public Task WriteAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (batch.Count == 0)
        {
            return Task.CompletedTask;
        }

        if (_staging is not null)
        {
            _staging.Stage(batch);
        }
        else
        {
            _writer.Apply(batch);
        }

        return Task.CompletedTask;
    }

    public Task<LabelRecord> CommitAsync(LabelCommit commit, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        cancellationToken.ThrowIfCancellationRequested();
        commit.EnsureAllowedIn(Mode);
        var now = DateTime.UtcNow;
        var record = Mode == WriteMode.TwoPhase
            ? new LabelRecord(Database, Label, TransactionId, LabelState.Prepared, _startedUtc, null,
                now + (commit.PreparedTimeout ?? TimeSpan.FromHours(1)), commit.Attachment, commit.Result)
            : new LabelRecord(Database, Label, TransactionId, LabelState.Visible, _startedUtc, now, null, commit.Attachment, commit.Result);
        SqliteLabels.Insert(_lease.Connection, _transaction, record, _staging?.Describe());
        if (commit.Ledger is { } ledger)
        {
            SqliteLedger.Record(_lease.Connection, _transaction, ledger);
        }

        _transaction.Commit();
        Finish();
        return Task.FromResult(record);
    }

    public ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            _transaction.Rollback();
            Finish();
        }

        return ValueTask.CompletedTask;
    }

    private void Finish()
    {
        _finished = true;
        _writer.Dispose();
        _transaction.Dispose();
        _lease.Dispose();
        _releaseLabel();
    }
}
