namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>
/// Doris's auto-resume of a paused job (spec B.10): not for a pause a person must look at (a manual
/// pause, bad data, a spent budget); otherwise attempt n waits min(2^n × base, max) after the previous
/// one (the first at once), and after <c>streaming_job_max_auto_resume_count</c> attempts the job stays
/// paused with <c>CANNOT_RESUME_ERR</c>.
/// </summary>
public sealed record AutoResumePolicy(int MaxAttempts, TimeSpan BaseInterval, TimeSpan MaxInterval)
{
    /// <summary>What to do with a job paused by <paramref name="error"/> after <paramref name="attempts"/> auto-resumes.</summary>
    public AutoResumeDecision Decide(JobError error, int attempts, DateTime since) =>
        error.NeedsPerson ? AutoResumeDecision.WaitForPerson
        : attempts >= MaxAttempts ? AutoResumeDecision.GiveUp
        : new AutoResumeDecision(AutoResumeAction.ResumeAt, since + Delay(attempts));

    /// <summary>The wait before attempt <paramref name="count"/> (0-based), counted from the previous one.</summary>
    public TimeSpan Delay(int count)
    {
        if (count == 0)
        {
            return TimeSpan.Zero;
        }

        var ticks = count >= 30 ? double.MaxValue : BaseInterval.Ticks * Math.Pow(2, count);
        return ticks >= MaxInterval.Ticks ? MaxInterval : TimeSpan.FromTicks((long)ticks);
    }
}

/// <summary>An auto-resume decision: wait for a person, give up, or resume at <paramref name="At"/>.</summary>
public sealed record AutoResumeDecision(AutoResumeAction Action, DateTime At = default)
{
    public static AutoResumeDecision WaitForPerson { get; } = new(AutoResumeAction.WaitForPerson);

    public static AutoResumeDecision GiveUp { get; } = new(AutoResumeAction.GiveUp);
}

public enum AutoResumeAction
{
    WaitForPerson,
    GiveUp,
    ResumeAt,
}
