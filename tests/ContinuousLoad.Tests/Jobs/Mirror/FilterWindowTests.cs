using ContinuousLoad.Jobs.Orchestration;

namespace ContinuousLoad.Tests.Jobs.Mirror;

/// <summary>A database-level job's filter ratio over the tasks of the last <c>max_interval × 10</c> seconds.</summary>
public sealed class FilterWindowTests
{
    private static readonly DateTime Start = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Length = TimeSpan.FromSeconds(100);

    [Fact]
    public void The_ratio_counts_the_tasks_inside_the_window_and_older_ones_fall_out()
    {
        var window = new FilterWindow();

        Assert.False(window.Breached(Start, Length, 1000, 50, 0.1, out var ratio));
        Assert.Equal(0.05, ratio);
        // 150 filtered of 1,200 in the window: 0.125.
        Assert.True(window.Breached(Start.AddSeconds(60), Length, 200, 100, 0.1, out ratio));
        Assert.Equal(0.125, ratio);
        // The first task is now older than the window: 100 + 0 filtered of 200 + 800.
        Assert.False(window.Breached(Start.AddSeconds(130), Length, 800, 0, 0.1, out ratio));
        Assert.Equal(0.1, ratio);
        Assert.Equal(2, window.Entries.Count);
    }

    [Fact]
    public void Tasks_without_rows_never_breach() =>
        Assert.False(new FilterWindow().Breached(Start, Length, 0, 0, 0, out _));
}
