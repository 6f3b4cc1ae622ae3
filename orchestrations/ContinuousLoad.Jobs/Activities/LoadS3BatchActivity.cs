using System.Runtime.CompilerServices;
using ContinuousLoad.Durable;
using ContinuousLoad.Ingest.ErrorLogs;
using ContinuousLoad.Ingest.Loading;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Jobs.Orchestration;
using ContinuousLoad.Jobs.Statements;
using ContinuousLoad.Sources.S3;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Jobs.Activities;

/// <summary>
/// Loads one task's objects through the Stream Load engine in one transaction that also records the
/// label and the end offset. Idempotent by its label: a re-run (after a crash, a lost lease, or a PAUSE
/// that interrupted it) first looks the label up and answers with what the committed run recorded.
/// </summary>
public sealed class LoadS3BatchActivity(ITableStoreSource stores, ErrorLogFolder errorLogs, S3ClientCache clients, JobDirectory jobs, JobSettings settings)
    : TaskActivity<LoadBatchRequest, LoadBatchOutcome>
{
    public override async Task<LoadBatchOutcome> RunAsync(TaskActivityContext context, LoadBatchRequest input)
    {
        var cancellationToken = context.CancellationToken;
        var definition = input.Definition;
        var store = await stores.GetAsync(cancellationToken);
        if (await CommittedAsync(store, definition.Database, input.Label, input.Objects, cancellationToken) is { } done)
        {
            return done;
        }

        var job = CompiledJob.Compile(definition);
        var table = await store.FindTableAsync(definition.Database, definition.Table, cancellationToken)
            ?? throw DorisException.UnknownTable(definition.Database, definition.Table);
        var options = job.LoadOptionsFor(table) with { Label = input.Label };
        var client = clients.For(job.Source.Connection);
        await using var watch = new InterruptionWatch(jobs, definition.Name, input.Label, input.Attempt, settings.InterruptCheckInterval, cancellationToken);
        var result = await new TableLoader(store, errorLogs).LoadAsync(
            new LoadRequest(definition.Database, definition.Table, options, Bodies(client, job, input.Objects), JobOffset.Of(input.EndFileName),
                input.Ledger is { } ledger ? new LedgerEntries(ledger, [.. input.Objects.Select(o => o.Key)]) : null),
            settings.TimeZone, watch.Token);
        if (watch.Interrupted && result.Status != LoadStatus.Success)
        {
            throw new JobTaskException($"Task {input.Label} was interrupted by PAUSE or DROP and rolled back; it re-runs under the same label on RESUME");
        }

        switch (result.Status)
        {
            case LoadStatus.Success:
                return new LoadBatchOutcome(true, Statistic(result.TotalRows, result.LoadBytes, result.FilteredRows, input.Objects), result.ErrorLog, null, null);
            case LoadStatus.LabelAlreadyExists when result.ExistingJobStatus == "FINISHED":
                return await CommittedAsync(store, definition.Database, input.Label, input.Objects, cancellationToken)
                    ?? throw new InvalidOperationException($"label {input.Label} is finished but has no committed record");
            case LoadStatus.Fail when result.Message.StartsWith("[DATA_QUALITY_ERROR]too many filtered rows", StringComparison.Ordinal):
                return new LoadBatchOutcome(false, Statistic(result.TotalRows, result.LoadBytes, result.FilteredRows, input.Objects), result.ErrorLog,
                    $"{result.Message}: {result.FilteredRows} of {result.TotalRows - result.UnselectedRows} rows filtered, " +
                    $"more than session.insert_max_filter_ratio = {options.MaxFilterRatio}", result.FirstError);
            default:
                throw new JobTaskException(result.Message);
        }
    }

    private static async Task<LoadBatchOutcome?> CommittedAsync(ITableStore store, string database, string label, IReadOnlyList<PlannedObject> objects,
        CancellationToken cancellationToken)
    {
        if (await store.FindLabelAsync(database, label, cancellationToken) is not { State: LabelState.Visible } record)
        {
            return null;
        }

        var summary = LoadSummary.FromJson(record.Result) ?? new LoadSummary(0, 0, 0, 0, 0, null);
        return new LoadBatchOutcome(true, Statistic(summary.TotalRows, summary.LoadBytes, summary.FilteredRows, objects), summary.ErrorLog, null, null);
    }

    private static LoadStatistic Statistic(long rows, long bytes, long filtered, IReadOnlyList<PlannedObject> objects) =>
        new(rows, bytes, objects.Count, objects.Sum(o => o.Size), filtered);

    private static async IAsyncEnumerable<LoadBody> Bodies(Amazon.S3.IAmazonS3 client, CompiledJob job, IReadOnlyList<PlannedObject> objects,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var index = 0;
        await foreach (var content in ObjectPrefetcher.OpenInOrderAsync(client, job.Source.Location.Bucket, [.. objects.Select(o => (o.Key, o.Size))],
                           cancellationToken))
        {
            var item = objects[index++];
            yield return new LoadBody(content, job.Source.CompressionOf(item.Key), item.Key, PathPartitionValues.Of(item.Key, job.Source.Format.PathFields));
        }
    }
}
