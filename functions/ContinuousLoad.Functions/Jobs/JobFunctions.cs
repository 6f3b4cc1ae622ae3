using ContinuousLoad.Jobs;
using ContinuousLoad.Jobs.Activities;
using ContinuousLoad.Jobs.Orchestration;
using ContinuousLoad.Jobs.Statements;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace ContinuousLoad.Functions.Jobs;

/// <summary>
/// The streaming-job orchestration and its activities as Durable Functions: each delegates to the class the standalone
/// host's durable runtime runs (<see cref="StreamingJobOrchestrator"/>, <see cref="PlanBatchActivity"/>,
/// <see cref="LoadBatchActivity"/>), under the same names, so a job's history means the same under either host.
/// </summary>
public sealed class JobFunctions(JobSettings settings, IServiceProvider services, DurableClientSlot durableClients)
{
    [Function(nameof(StreamingJobOrchestrator))]
    public Task<string> RunJobAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new StreamingJobOrchestrator(settings).RunAsync(context, context.GetInput<JobState>()!);

    [Function(nameof(PlanBatchActivity))]
    public Task<PlannedBatch> PlanBatchAsync([ActivityTrigger] PlanBatchRequest input, FunctionContext context) =>
        ActivatorUtilities.CreateInstance<PlanBatchActivity>(services).RunAsync(new FunctionActivityContext(context), input);

    /// <param name="durableClient">A load asks the job's state whether PAUSE or DROP interrupted it: the client comes from this binding.</param>
    [Function(nameof(LoadBatchActivity))]
    public Task<LoadBatchOutcome> LoadBatchAsync([ActivityTrigger] LoadBatchRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context)
    {
        durableClients.Offer(durableClient);
        return ActivatorUtilities.CreateInstance<LoadBatchActivity>(services).RunAsync(new FunctionActivityContext(context), input);
    }

    /// <summary>The activity's name and orchestration instance, as the Functions host invoked it.</summary>
    private sealed class FunctionActivityContext(FunctionContext context) : TaskActivityContext
    {
        public override TaskName Name => context.FunctionDefinition.Name;

        public override string InstanceId => context.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? "" : "";
    }
}
