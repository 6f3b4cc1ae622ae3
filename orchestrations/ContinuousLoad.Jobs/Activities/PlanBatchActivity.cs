using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Jobs.Secrets;
using ContinuousLoad.Jobs.Sources;
using Microsoft.DurableTask;

namespace ContinuousLoad.Jobs.Activities;

/// <summary>
/// Plans a job's next task with its source: what follows the job's position, or nothing yet. A source
/// that cannot be reached or refuses throws; the orchestration retries, then pauses the job with
/// <c>GET_REMOTE_DATA_ERROR</c>.
/// </summary>
public sealed class PlanBatchActivity(JobSources sources, JobSecrets secrets) : TaskActivity<PlanBatchRequest, PlannedBatch>
{
    public override async Task<PlannedBatch> RunAsync(TaskActivityContext context, PlanBatchRequest input)
    {
        var job = CompiledJob.Compile(secrets.Open(input.Definition));
        return new PlannedBatch(await sources.For(job).PlanAsync(job, input.Position, CancellationToken.None));
    }
}

/// <summary>Plan the next task of <paramref name="Definition"/> from <paramref name="Position"/>.</summary>
public sealed record PlanBatchRequest(JobDefinition Definition, JobPosition Position);

/// <summary>The next batch, or null when the source has nothing new.</summary>
public sealed record PlannedBatch(JobBatch? Batch);
