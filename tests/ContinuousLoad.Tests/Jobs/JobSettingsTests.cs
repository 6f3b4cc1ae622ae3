using ContinuousLoad.Jobs;

namespace ContinuousLoad.Tests.Jobs;

public sealed class JobSettingsTests
{
    [Fact]
    public void Auto_resume_waits_double_from_20_seconds_up_to_5_minutes()
    {
        var settings = new JobSettings();

        Assert.Equal([0, 20, 40, 80, 160, 300, 300, 300], Enumerable.Range(0, 8).Select(n => settings.AutoResumeDelay(n).TotalSeconds));
    }

    [Fact]
    public void Auto_resume_follows_a_custom_base_and_maximum()
    {
        var settings = new JobSettings { AutoResumeBaseInterval = TimeSpan.FromMilliseconds(250), AutoResumeMaxInterval = TimeSpan.FromSeconds(3) };

        Assert.Equal([0, 0.5, 1, 2, 3, 3], Enumerable.Range(0, 6).Select(n => settings.AutoResumeDelay(n).TotalSeconds));
    }

    [Theory]
    [InlineData(29)]
    [InlineData(30)]
    [InlineData(64)]
    [InlineData(1_000)]
    [InlineData(int.MaxValue)]
    public void Very_many_attempts_wait_the_maximum_without_overflowing(int count)
    {
        Assert.Equal(TimeSpan.FromSeconds(300), new JobSettings().AutoResumeDelay(count));
        Assert.Equal(TimeSpan.FromDays(7), new JobSettings { AutoResumeBaseInterval = TimeSpan.FromDays(1), AutoResumeMaxInterval = TimeSpan.FromDays(7) }.AutoResumeDelay(count));
    }

    [Fact]
    public void A_maximum_too_large_to_reach_still_caps_long_runs()
    {
        var settings = new JobSettings { AutoResumeMaxInterval = TimeSpan.MaxValue };

        Assert.Equal(TimeSpan.FromSeconds(10 * Math.Pow(2, 20)), settings.AutoResumeDelay(20));
        Assert.Equal(TimeSpan.MaxValue, settings.AutoResumeDelay(40));
    }
}
