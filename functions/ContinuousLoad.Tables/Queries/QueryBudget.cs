using System.Diagnostics;
using ContinuousLoad.Sql.Sessions;

namespace ContinuousLoad.Tables.Queries;

/// <summary>
/// What one query may spend in the store: time from the statement's start (<c>query_timeout</c>, or
/// <c>insert_timeout</c> for INSERT ... SELECT) and rows read (<c>max_scan_rows</c>, 0 for no limit).
/// The stores stop the work itself when it is spent — SQLite from its progress handler, PostgreSQL by
/// its statement timeout — so nothing keeps running after the error.
/// </summary>
public sealed class QueryBudget
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public QueryBudget(int timeoutSeconds, long maxScanRows)
    {
        TimeoutSeconds = timeoutSeconds;
        MaxScanRows = maxScanRows;
    }

    /// <summary>No limits: internal queries of the service itself.</summary>
    public static QueryBudget Unlimited => new(int.MaxValue, 0);

    public int TimeoutSeconds { get; }

    public long MaxScanRows { get; }

    public TimeSpan Remaining
    {
        get
        {
            var left = TimeSpan.FromSeconds(TimeoutSeconds) - Stopwatch.GetElapsedTime(_started);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    public bool IsExpired => TimeoutSeconds != int.MaxValue && Stopwatch.GetElapsedTime(_started).TotalSeconds >= TimeoutSeconds;

    public static QueryBudget ForSelect(SessionVariables variables) => new(variables.QueryTimeout, variables.MaxScanRows);

    public static QueryBudget ForInsert(SessionVariables variables) => new(variables.InsertTimeout, variables.MaxScanRows);
}
