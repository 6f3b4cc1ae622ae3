namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>
/// Job states written by other builds. Version 2 (offsets typed by source, statuses as names) is the first
/// this runtime stores; a state without a version comes from the previous runtime's store, whose jobs
/// cannot reach this one. A state from a newer build is refused rather than misread.
/// </summary>
public static class JobStateVersions
{
    /// <returns>Why this build cannot run the state, or null when it can (upgraded in place when older).</returns>
    public static string? Upgrade(JobState state)
    {
        if (state.Version > JobState.CurrentVersion)
        {
            return $"Job '{state.Definition.Name}' was stored by a newer build of ContinuousLoad (job state version {state.Version}; " +
                   $"this build reads up to {JobState.CurrentVersion}). Run the newer build, or DROP and CREATE the job again.";
        }

        if (state.Version < JobState.CurrentVersion)
        {
            return $"Job '{state.Definition.Name}' has a job state of version {state.Version}, from a build whose durable runtime this one replaced; " +
                   "DROP and CREATE the job again (its loaded data and labels stay).";
        }

        return null;
    }
}
