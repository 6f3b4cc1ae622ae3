namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>How big a change task gets, for either source.</summary>
public static class ChangeTaskLimits
{
    /// <summary>A task ends at the first commit after about this many changes (PostgreSQL: protocol messages).</summary>
    public const long MaxChangesPerTask = 100_000;

    /// <summary>
    /// Transactions that touch other tables only are passed over by a task of their own once there are this many,
    /// so the job's offset (and a PostgreSQL slot) moves on while its table is quiet and the database is not; fewer
    /// wait for the next change of the table, so a quiet table makes no empty tasks.
    /// </summary>
    public const long QuietTransactionsPerTask = 10_000;

    /// <summary>Whether a plan that found <paramref name="changes"/> changes in <paramref name="transactions"/> transactions makes a task.</summary>
    public static bool MakesTask(long changes, long transactions) => changes > 0 || transactions >= QuietTransactionsPerTask;
}
