using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Queries;

namespace ContinuousLoad.Tables.Storage;

/// <summary>
/// Where tables live: databases, table definitions, label-fenced write transactions, 2PC resolution,
/// label retention, and read-only queries re-emitted in the store's own SQL. Two implementations
/// behave the same: the embedded SQLite store and PostgreSQL.
/// </summary>
public interface ITableStore : IAsyncDisposable
{
    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    string Kind { get; }

    Task CreateDatabaseAsync(string database, bool ifNotExists, CancellationToken cancellationToken);

    Task DropDatabaseAsync(string database, bool ifExists, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListDatabasesAsync(CancellationToken cancellationToken);

    Task<bool> DatabaseExistsAsync(string database, CancellationToken cancellationToken);

    Task CreateTableAsync(TableSchema table, bool ifNotExists, CancellationToken cancellationToken);

    Task DropTableAsync(string database, string table, bool ifExists, CancellationToken cancellationToken);

    /// <summary>Removes all rows, or only those of the named partitions.</summary>
    Task TruncateTableAsync(TableSchema table, IReadOnlyList<string> partitions, CancellationToken cancellationToken);

    /// <returns>The table, or null when the database has no such table.</returns>
    /// <exception cref="DorisException">The database does not exist.</exception>
    Task<TableSchema?> FindTableAsync(string database, string table, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListTablesAsync(string database, CancellationToken cancellationToken);

    /// <summary>Stores the altered definition and applies the column changes to existing rows.</summary>
    Task AlterTableAsync(TableSchema altered, IReadOnlyList<ColumnChange> changes, CancellationToken cancellationToken);

    /// <summary>Starts a write transaction holding <paramref name="label"/>.</summary>
    /// <exception cref="LabelAlreadyExistsException">The label is committed, pre-committed or held by a running load.</exception>
    Task<IWriteTransaction> BeginWriteAsync(string database, string label, WriteMode mode, CancellationToken cancellationToken);

    Task<LabelRecord?> FindLabelAsync(string database, string label, CancellationToken cancellationToken);

    /// <summary>Whether a write transaction holds <paramref name="label"/> right now (a load still running).</summary>
    Task<bool> IsLabelRunningAsync(string database, string label, CancellationToken cancellationToken);

    Task<LabelRecord?> FindTransactionAsync(string database, long transactionId, CancellationToken cancellationToken);

    /// <summary>Makes a pre-committed transaction visible.</summary>
    /// <exception cref="DorisException">No such transaction, or it is not pre-committed.</exception>
    Task<LabelRecord> CommitPreparedAsync(string database, TransactionSelector transaction, CancellationToken cancellationToken);

    /// <summary>Discards a pre-committed transaction; its label becomes reusable.</summary>
    Task<LabelRecord> AbortPreparedAsync(string database, TransactionSelector transaction, string reason, CancellationToken cancellationToken);

    /// <summary>Aborts pre-commits past their timeout and forgets finished labels older than <paramref name="retention"/>.</summary>
    /// <returns>How many labels were aborted or removed.</returns>
    Task<int> ExpireLabelsAsync(DateTime nowUtc, TimeSpan retention, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="items"/> a committed load recorded in <paramref name="ledger"/> (see <see cref="LabelCommit.Ledger"/>).</summary>
    Task<IReadOnlySet<string>> FindLedgerItemsAsync(string database, string ledger, IReadOnlyCollection<string> items, CancellationToken cancellationToken);

    /// <summary>Removes every entry of <paramref name="ledger"/>.</summary>
    Task ForgetLedgerAsync(string database, string ledger, CancellationToken cancellationToken);

    /// <summary>Runs a bound read-only query; rows stream as they are read, and the store stops the work when <paramref name="budget"/> is spent.</summary>
    /// <exception cref="Sql.Limits.SqlLimitException">The query ran past its timeout or scan limit (thrown as rows are read).</exception>
    Task<QueryResult> QueryAsync(BoundQuery query, EvaluationContext context, QueryBudget budget, CancellationToken cancellationToken);
}
