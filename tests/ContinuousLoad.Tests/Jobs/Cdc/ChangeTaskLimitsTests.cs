using ContinuousLoad.Jobs.Sources.Cdc;

namespace ContinuousLoad.Tests.Jobs.Cdc;

/// <summary>A plan makes a change task for any change of its table, or once enough other transactions have piled up.</summary>
public sealed class ChangeTaskLimitsTests
{
    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(0, 1, false)]
    [InlineData(0, ChangeTaskLimits.QuietTransactionsPerTask - 1, false)]
    [InlineData(0, ChangeTaskLimits.QuietTransactionsPerTask, true)]
    [InlineData(0, ChangeTaskLimits.QuietTransactionsPerTask * 5, true)]
    [InlineData(1, 1, true)]
    [InlineData(ChangeTaskLimits.MaxChangesPerTask, 3, true)]
    [InlineData(7, ChangeTaskLimits.QuietTransactionsPerTask + 1, true)]
    public void A_plan_makes_a_task_for_a_change_or_for_enough_quiet_transactions(long changes, long transactions, bool makesTask)
    {
        Assert.Equal(makesTask, ChangeTaskLimits.MakesTask(changes, transactions));
    }
}
