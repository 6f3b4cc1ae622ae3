using ContinuousLoad.Durable;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Jobs.Orchestration;
using ContinuousLoad.Sources.S3;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Jobs.Activities;

/// <summary>
/// Lists the next batch of an S3 job: matching keys after the committed one (or, in any order, every
/// matching key after the floor that the job's ledger does not hold), bounded by <c>s3.max_batch_files</c>
/// and <c>s3.max_batch_bytes</c>. An unreachable or refusing service throws, and the job pauses with
/// <c>GET_REMOTE_DATA_ERROR</c> after the retries.
/// </summary>
public sealed class PlanS3BatchActivity(S3ClientCache clients, ITableStoreSource stores) : TaskActivity<PlanBatchRequest, List<PlannedObject>>
{
    public override async Task<List<PlannedObject>> RunAsync(TaskActivityContext context, PlanBatchRequest input)
    {
        var job = CompiledJob.Compile(input.Definition);
        Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlySet<string>>>? loaded = null;
        if (input.Ledger is { } ledger)
        {
            var store = await stores.GetAsync(context.CancellationToken);
            loaded = (keys, cancellationToken) => store.FindLedgerItemsAsync(input.Definition.Database, ledger, keys, cancellationToken);
        }

        var batch = await NewObjectLister.NextBatchAsync(clients.For(job.Source.Connection), job.Source.Location, input.After, job.Properties.MaxBatchFiles,
            job.Properties.MaxBatchBytes, loaded, context.CancellationToken);
        return [.. batch.Select(o => new PlannedObject(o.Key, o.Size, o.LastModified))];
    }
}
