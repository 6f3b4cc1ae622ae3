using ContinuousLoad.Jobs;
using ContinuousLoad.Jobs.Orchestration;

namespace ContinuousLoad.Tests.Jobs;

public sealed class JobSettingsTests
{
    [Fact]
    public void Auto_resume_waits_double_from_20_seconds_up_to_5_minutes()
    {
        var settings = new JobSettings();

        Assert.Equal([0, 20, 40, 80, 160, 300, 300, 300], Enumerable.Range(0, 8).Select(n => settings.AutoResume.Delay(n).TotalSeconds));
    }

    [Fact]
    public void Auto_resume_follows_a_custom_base_and_maximum()
    {
        var settings = new JobSettings { AutoResumeBaseInterval = TimeSpan.FromMilliseconds(250), AutoResumeMaxInterval = TimeSpan.FromSeconds(3) };

        Assert.Equal([0, 0.5, 1, 2, 3, 3], Enumerable.Range(0, 6).Select(n => settings.AutoResume.Delay(n).TotalSeconds));
    }

    [Theory]
    [InlineData(29)]
    [InlineData(30)]
    [InlineData(64)]
    [InlineData(1_000)]
    [InlineData(int.MaxValue)]
    public void Very_many_attempts_wait_the_maximum_without_overflowing(int count)
    {
        Assert.Equal(TimeSpan.FromSeconds(300), new JobSettings().AutoResume.Delay(count));
        Assert.Equal(TimeSpan.FromDays(7), new JobSettings { AutoResumeBaseInterval = TimeSpan.FromDays(1), AutoResumeMaxInterval = TimeSpan.FromDays(7) }.AutoResume.Delay(count));
    }

    [Fact]
    public void A_maximum_too_large_to_reach_still_caps_long_runs()
    {
        var settings = new JobSettings { AutoResumeMaxInterval = TimeSpan.MaxValue };

        Assert.Equal(TimeSpan.FromSeconds(10 * Math.Pow(2, 20)), settings.AutoResume.Delay(20));
        Assert.Equal(TimeSpan.MaxValue, settings.AutoResume.Delay(40));
    }

    [Fact]
    public void A_pause_a_person_must_look_at_is_never_auto_resumed_and_the_budget_ends_in_giving_up()
    {
        var policy = new JobSettings().AutoResume;
        var since = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal(AutoResumeDecision.WaitForPerson, policy.Decide(new JobError(JobError.ManualPause, "Manual pause"), 0, since));
        Assert.Equal(AutoResumeDecision.WaitForPerson, policy.Decide(new JobError(JobError.TooManyFailureRows, "bad"), 0, since));
        Assert.Equal(new AutoResumeDecision(AutoResumeAction.ResumeAt, since), policy.Decide(new JobError(JobError.GetRemoteData, "down"), 0, since));
        Assert.Equal(new AutoResumeDecision(AutoResumeAction.ResumeAt, since.AddSeconds(40)), policy.Decide(new JobError(JobError.GetRemoteData, "down"), 2, since));
        Assert.Equal(AutoResumeDecision.GiveUp, policy.Decide(new JobError(JobError.GetRemoteData, "down"), 10, since));
    }
}
