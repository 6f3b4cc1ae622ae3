using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Jobs.Orchestration;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace ContinuousLoad.Jobs.Statements;

/// <summary>Finds jobs through their orchestration instances: each job's state is its instance's custom status.</summary>
public sealed class JobDirectory(DurableClientSlot clients)
{
    private DurableTaskClient Client => clients.Client;

    /// <summary>The job's current state, or null when no such job exists (never created, or dropped).</summary>
    public async Task<JobState?> FindAsync(string name, CancellationToken cancellationToken) =>
        await Client.GetInstanceAsync(JobDefinition.InstanceIdOf(name), getInputsAndOutputs: true, cancellationToken) is { } instance && IsAlive(instance)
            ? StateOf(instance)
            : null;

    /// <summary>Every existing job, in name order.</summary>
    public async Task<List<JobState>> ListAsync(CancellationToken cancellationToken)
    {
        var jobs = new List<JobState>();
        var query = new OrchestrationQuery { InstanceIdPrefix = JobDefinition.InstanceIdOf(""), FetchInputsAndOutputs = true, PageSize = 200 };
        await foreach (var instance in Client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (IsAlive(instance) && StateOf(instance) is { Status: not JobStatus.Stopped } state)
            {
                jobs.Add(state);
            }
        }

        return [.. jobs.OrderBy(j => j.Definition.Name, StringComparer.Ordinal)];
    }

    /// <summary>Starts the job's orchestration with its first state.</summary>
    /// <exception cref="DorisException">A job of that name exists.</exception>
    public async Task StartAsync(JobState state, CancellationToken cancellationToken)
    {
        try
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(nameof(StreamingJobOrchestrator), state,
                new StartOrchestrationOptions(state.Definition.InstanceId) { DedupeStatuses = Alive }, cancellationToken);
        }
        catch (global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
        {
            throw new Tables.Catalog.DorisException($"Job name '{state.Definition.Name}' already exists");
        }
    }

    /// <summary>Hands the job a statement's command.</summary>
    public Task SendAsync(JobDefinition definition, JobCommand command, CancellationToken cancellationToken) =>
        Client.RaiseEventAsync(definition.InstanceId, JobCommand.EventName, command.ToEvent(), cancellationToken);

    /// <summary>Waits until a dropped job's orchestration has ended, then removes it; returns its last state.</summary>
    public async Task<JobState?> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var instanceId = JobDefinition.InstanceIdOf(name);
        var ended = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        await Client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
        return ended.ReadCustomStatusAs<JobState>();
    }

    private static readonly string[] Alive = [nameof(OrchestrationRuntimeStatus.Pending), nameof(OrchestrationRuntimeStatus.Running), nameof(OrchestrationRuntimeStatus.Suspended)];

    /// <summary>An instance not yet started, running, or suspended by hand (a job is never finished while it exists).</summary>
    private static bool IsAlive(OrchestrationMetadata instance) =>
        instance.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;

    /// <summary>The published state; before the first turn, the input it starts with.</summary>
    private static JobState? StateOf(OrchestrationMetadata instance) => instance.ReadCustomStatusAs<JobState>() ?? instance.ReadInputAs<JobState>();
}
