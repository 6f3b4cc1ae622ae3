using System.Runtime.CompilerServices;
using ContinuousLoad.Ingest.Loading;
using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Sources.S3;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Jobs.Sources;

/// <summary>
/// S3 objects as a job source. A plan lists matching keys after the offset (or, in any order, every
/// matching key after the floor that the job's ledger does not hold), bounded by <c>s3.max_batch_files</c>
/// and <c>s3.max_batch_bytes</c>; opening reads the planned objects, prefetched, in key order.
/// </summary>
public sealed class S3ObjectSource(S3ClientCache clients, ITableStoreSource stores) : IJobSource
{
    public string Kind => S3JobSource.SourceKind;

    /// <summary>Nothing to check ahead: a bucket that cannot be listed pauses the job with the reason, as Doris does. The start is the <c>offset</c> property's.</summary>
    public Task<SourceOffset?> CheckAsync(CompiledJob job, LoadOptions? load, CancellationToken cancellationToken) => Task.FromResult<SourceOffset?>(null);

    public async Task<JobBatch?> PlanAsync(CompiledJob job, JobPosition position, CancellationToken cancellationToken)
    {
        Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlySet<string>>>? loaded = null;
        if (position.Ledger is { } ledger)
        {
            var store = await stores.GetAsync(cancellationToken);
            loaded = (keys, token) => store.FindLedgerItemsAsync(job.Definition.Database, ledger, keys, token);
        }

        var s3 = (S3JobSource)job.Source;
        var batch = await NewObjectLister.NextBatchAsync(clients.For(s3.Connection), s3.Location, (position.After as S3Offset)?.FileName,
            job.Properties.MaxBatchFiles, job.Properties.MaxBatchBytes, loaded, cancellationToken);
        return batch.Count == 0 ? null : new S3Batch([.. batch.Select(o => new PlannedObject(o.Key, o.Size, o.LastModified))]);
    }

    public Task<OpenedBatch> OpenAsync(CompiledJob job, JobBatch batch, Mirror.SchemaDrift drift, CancellationToken cancellationToken) =>
        Task.FromResult(new OpenedBatch(ReadAsync((S3JobSource)job.Source, (S3Batch)batch, cancellationToken), batch.End));

    public Task<IReadOnlyList<Mirror.MirroredTable>> DescribeTablesAsync(CompiledJob job, IReadOnlyList<string> tables, CancellationToken cancellationToken) =>
        throw new NotSupportedException("An S3 job loads one table it does not create");

    /// <summary>Nothing of the job's lives in the bucket.</summary>
    public Task DropAsync(CompiledJob job, CancellationToken cancellationToken) => Task.CompletedTask;

    private async IAsyncEnumerable<LoadBody> ReadAsync(S3JobSource s3, S3Batch batch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var objects = batch.Objects;
        var index = 0;
        await foreach (var content in ObjectPrefetcher.OpenInOrderAsync(clients.For(s3.Connection), s3.Location.Bucket,
                           [.. objects.Select(o => (o.Key, o.Size))], cancellationToken))
        {
            var item = objects[index++];
            yield return new LoadBody(content, s3.CompressionOf(item.Key), item.Key, PathPartitionValues.Of(item.Key, s3.Format.PathFields));
        }
    }
}
