namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>
/// Job states written by other builds. Version 2 (offsets typed by source, statuses as names) is the first
/// this runtime stores; the previous runtime's unversioned states are upgraded when its jobs are carried
/// over (<see cref="JobStateV1"/>), so one here is refused like a state from a newer build, never misread.
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
            return $"Job '{state.Definition.Name}' has a job state of version {state.Version}, which this build does not upgrade in place; " +
                   "DROP and CREATE the job again (its loaded data and labels stay).";
        }

        return null;
    }
}
