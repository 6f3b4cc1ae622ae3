using ContinuousLoad.Durable;
using ContinuousLoad.Durable.Client;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Jobs.Orchestration;

namespace ContinuousLoad.Jobs.Statements;

/// <summary>Finds jobs through their orchestration instances: each job's state is its instance's custom status.</summary>
public sealed class JobDirectory(DurableTaskClient client)
{
    /// <summary>The job's current state, or null when no such job exists (never created, or dropped).</summary>
    public async Task<JobState?> FindAsync(string name, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(JobDefinition.InstanceIdOf(name), getInputsAndOutputs: true, cancellationToken) is { IsRunning: true } instance
            ? instance.ReadCustomStatusAs<JobState>() ?? Pending(instance)
            : null;

    /// <summary>Every existing job, in name order.</summary>
    public async Task<List<JobState>> ListAsync(CancellationToken cancellationToken)
    {
        var jobs = new List<JobState>();
        var query = new OrchestrationQuery { InstanceIdPrefix = JobDefinition.InstanceIdOf(""), FetchInputsAndOutputs = true, PageSize = 200 };
        await foreach (var instance in client.GetAllInstancesAsync(query, cancellationToken))
        {
            if (instance.IsRunning && (instance.ReadCustomStatusAs<JobState>() ?? Pending(instance)) is { Status: not JobStatus.Stopped } state)
            {
                jobs.Add(state);
            }
        }

        return jobs;
    }

    /// <summary>A job whose first turn has not run yet: its input is its state.</summary>
    private static JobState? Pending(OrchestrationMetadata instance) => instance.ReadInputAs<JobState>();

    internal DurableTaskClient Client => client;

    internal static TaskName OrchestratorName => nameof(StreamingJobOrchestrator);
}
