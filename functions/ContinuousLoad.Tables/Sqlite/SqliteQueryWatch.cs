using System.Diagnostics.CodeAnalysis;
using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Tables.Queries;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>
/// Stops a running query from inside SQLite: a progress handler, called every few thousand virtual
/// machine steps on the query's own thread, interrupts it once the budget's time is spent, its scan limit
/// passed (rows stepped through by full scans, SQLite's own count) or its caller gone. The step then
/// fails with SQLITE_INTERRUPT, which <see cref="Explains"/> turns into the reason.
/// </summary>
internal sealed class SqliteQueryWatch
{
    /// <summary>About 20-100 µs of work between checks; the checks cost well under 1 % of it.</summary>
    private const int StepsBetweenChecks = 10_000;

    private const int SqliteInterrupt = 9;
    private const int FullScanStepStatus = 1; // SQLITE_STMTSTATUS_FULLSCAN_STEP

    private readonly sqlite3 _database;
    private readonly QueryBudget _budget;
    private readonly CancellationToken _cancellationToken;
    private Exception? _reason;

    private SqliteQueryWatch(SqliteConnection connection, QueryBudget budget, CancellationToken cancellationToken)
    {
        _database = connection.Handle!;
        _budget = budget;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Watches every statement <paramref name="connection"/> runs from now on.</summary>
    public static SqliteQueryWatch Attach(SqliteConnection connection, QueryBudget budget, CancellationToken cancellationToken)
    {
        var watch = new SqliteQueryWatch(connection, budget, cancellationToken);
        raw.sqlite3_progress_handler(watch._database, StepsBetweenChecks, watch.Check, null);
        return watch;
    }

    /// <summary>Whether <paramref name="failure"/> is this watch's interruption, and why it interrupted.</summary>
    public bool Explains(SqliteException failure, [NotNullWhen(true)] out Exception? reason)
    {
        reason = failure.SqliteErrorCode == SqliteInterrupt ? _reason : null;
        return reason is not null;
    }

    /// <summary>
    /// Called by SQLite from native code: an exception escaping here would end the process, so every
    /// failure becomes the reason the query stops.
    /// </summary>
    private int Check(object user)
    {
        try
        {
            if (_cancellationToken.IsCancellationRequested)
            {
                _reason = new OperationCanceledException(_cancellationToken);
            }
            else if (_budget.IsExpired)
            {
                _reason = SqlLimitException.TimedOut(_budget.TimeoutSeconds);
            }
            else if (_budget.MaxScanRows > 0 && ScannedRows() > _budget.MaxScanRows)
            {
                _reason = SqlLimitException.ScannedTooMany(_budget.MaxScanRows);
            }
        }
#pragma warning disable CA1031 // nothing may escape into native code; the query stops with the failure as its reason
        catch (Exception e)
#pragma warning restore CA1031
        {
            _reason = e;
        }

        return _reason is null ? 0 : 1;
    }

    private long ScannedRows()
    {
        long rows = 0;
        for (var statement = raw.sqlite3_next_stmt(_database, null); statement is not null; statement = raw.sqlite3_next_stmt(_database, statement))
        {
            rows += raw.sqlite3_stmt_status(statement, FullScanStepStatus, 0);
        }

        return rows;
    }
}
