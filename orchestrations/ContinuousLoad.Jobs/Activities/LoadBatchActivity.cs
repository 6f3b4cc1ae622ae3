using ContinuousLoad.Ingest.ErrorLogs;
using ContinuousLoad.Ingest.Loading;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Jobs.Orchestration;
using ContinuousLoad.Jobs.Secrets;
using ContinuousLoad.Jobs.Sources;
using ContinuousLoad.Jobs.Sources.Mirror;
using ContinuousLoad.Jobs.Statements;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;
using Microsoft.DurableTask;

namespace ContinuousLoad.Jobs.Activities;

/// <summary>
/// Loads one task's batch, as its source opens it, through the Stream Load engine in one transaction that
/// also records the label and the end offset (the checkpoint). Idempotent by its label: a re-run (after a
/// crash, a lost lease, or a PAUSE that interrupted it) first looks the label up and answers with what the
/// committed run recorded. A load still running when its host stops is given back to the backend by the
/// sidecar and runs again (on another host, or this one restarted); what the stopped run did not commit is
/// rolled back when its process ends.
/// </summary>
public sealed class LoadBatchActivity(JobSources sources, JobSecrets secrets, ITableStoreSource stores, ErrorLogFolder errorLogs, JobDirectory jobs,
    JobSettings settings, UnpropagatedChangeWatch unpropagated) : TaskActivity<LoadBatchRequest, LoadBatchOutcome>
{
    public override async Task<LoadBatchOutcome> RunAsync(TaskActivityContext context, LoadBatchRequest input)
    {
        var cancellationToken = CancellationToken.None;
        var definition = input.Definition;
        var store = await stores.GetAsync(cancellationToken);
        if (await CommittedAsync(store, definition.Database, input.Label, input.Batch, cancellationToken) is { } done)
        {
            return done;
        }

        var job = CompiledJob.Compile(secrets.Open(definition));
        var ahead = input.Batch.ReadsSnapshot;
        var options = (definition.MirrorsDatabase
            ? job.LoadSettings
            : job.LoadOptionsFor(await store.FindTableAsync(definition.Database, definition.Table, cancellationToken)
                                 ?? throw DorisException.UnknownTable(definition.Database, definition.Table))) with { Label = input.Label, ChangesAheadOfSnapshot = ahead };
        await using var watch = new InterruptionWatch(jobs, definition.Name, input.Label, input.Attempt, settings.InterruptCheckInterval, cancellationToken);
        var source = sources.For(job);
        LoadResult result;
        SourceOffset end;
        var drift = new SchemaDrift(job.Source is CdcStreamSource cdcSource ? cdcSource.Tables : TableSelection.One(definition.Table));
        for (var widened = 0; ; widened++)
        {
            await using var opened = await source.OpenAsync(job, input.Batch, drift, watch.Token);
            try
            {
                result = await new TableLoader(store, errorLogs).LoadAsync(
                    new LoadRequest(definition.Database, definition.Table, options, opened.Bodies, () => SourceOffset.Write(opened.End),
                        input.Ledger is { } ledger ? new LedgerEntries(ledger, input.Batch.LedgerKeys) : null)
                    {
                        OptionsFor = table => job.LoadOptionsFor(table) with { ChangesAheadOfSnapshot = ahead },
                    },
                    settings.TimeZone, watch.Token);
                end = opened.End;
                break;
            }
            catch (SourceColumnsChangedException changed) when (widened < MaxWidenings)
            {
                // The task rolled back: the target gains or loses the columns, and the task runs again on it (spec B.8).
                await ChangeColumnsAsync(store, source, job, changed, cancellationToken);
                drift.Settled(changed);
            }
            catch (BodyTableMissingException missing) when (widened < MaxWidenings && job.Source is CdcStreamSource { Tables.WholeDatabase: true } cdc)
            {
                // A source table new since the job started: its target is created as CREATE JOB creates them, and the task runs again.
                await MirrorTables.EnsureAsync(store, job, await source.DescribeTablesAsync(job, [cdc.Tables.SourceOf(missing.Table)], cancellationToken),
                    cancellationToken);
            }
        }

        if (watch.Interrupted && result.Status != LoadStatus.Success)
        {
            throw new JobTaskException($"Task {input.Label} was interrupted by PAUSE or DROP and rolled back; it re-runs under the same label on RESUME");
        }

        switch (result.Status)
        {
            case LoadStatus.Success:
                var unreported = await unpropagated.CheckAsync(store, source, job, [.. result.Tables?.Keys ?? []], cancellationToken);
                return new LoadBatchOutcome(true, Statistic(result.TotalRows, result.LoadBytes, result.FilteredRows, input.Batch) with { Tables = result.Tables },
                    result.ErrorLog, null, null)
                {
                    End = end,
                    Notes = string.Join(" ", new[] { drift.Notes, unreported }.OfType<string>()) is { Length: > 0 } notes ? notes : null,
                    WindowMaxFilterRatio = job.Target?.MaxFilterRatio,
                };
            case LoadStatus.LabelAlreadyExists when result.ExistingJobStatus == "FINISHED":
                return await CommittedAsync(store, definition.Database, input.Label, input.Batch, cancellationToken)
                    ?? throw new InvalidOperationException($"label {input.Label} is finished but has no committed record");
            case LoadStatus.Fail when result.Message.StartsWith("[DATA_QUALITY_ERROR]too many filtered rows", StringComparison.Ordinal):
                return new LoadBatchOutcome(false, Statistic(result.TotalRows, result.LoadBytes, result.FilteredRows, input.Batch), result.ErrorLog,
                    $"{result.Message}: {result.FilteredRows} of {result.TotalRows - result.UnselectedRows} rows filtered, " +
                    $"more than session.insert_max_filter_ratio = {options.MaxFilterRatio}", result.FirstError);
            default:
                throw new JobTaskException(result.Message);
        }
    }

    /// <summary>How many times one task may find new source columns or tables: each is added once, so more means the target does not take them.</summary>
    private const int MaxWidenings = 16;

    /// <summary>
    /// ADD COLUMN for each new source column the target lacks, nullable, typed as a created table would have it, after
    /// the target's columns; DROP COLUMN for each the source dropped; and the list of the columns the job put there
    /// (<see cref="SourceColumns"/>) with them, in one change — idempotent, so a task that crashes after it finds the
    /// target changed and loads.
    /// </summary>
    private static async Task ChangeColumnsAsync(ITableStore store, IJobSource source, CompiledJob job, SourceColumnsChangedException changed,
        CancellationToken cancellationToken)
    {
        var database = job.Definition.Database;
        var table = await store.FindTableAsync(database, changed.TargetTable, cancellationToken) ?? throw DorisException.UnknownTable(database, changed.TargetTable);
        var described = changed.Added.Count == 0 ? null : (await source.DescribeTablesAsync(job, [changed.SourceTable], cancellationToken))[0];
        var columns = table.Columns.ToList();
        var indexes = table.Indexes.ToList();
        var at = columns.FindLastIndex(c => !c.Hidden) + 1;
        var changes = new List<ColumnChange>();
        foreach (var name in changed.Added.Where(n => table.Find(n) is null))
        {
            // A column dropped again since the change was written is no longer described: its values load as text.
            var from = described!.Columns.FirstOrDefault(c => c.Name == name);
            var column = new ColumnSchema(name, from?.Type ?? Sql.Types.DataType.String, Nullable: true, IsKey: false, Comment: from?.Comment);
            columns.Insert(at++, column);
            changes.Add(new ColumnChange(column, Added: true, Sql.Values.SqlValue.Null));
        }

        foreach (var column in changed.Dropped.Select(table.Find).OfType<ColumnSchema>())
        {
            columns.Remove(column);
            indexes.RemoveAll(i => i.Columns.Contains(column.Name, StringComparer.OrdinalIgnoreCase));
            changes.Add(new ColumnChange(column, Added: false));
        }

        var properties = SourceColumns.After(table, changed.Added, changed.Dropped);
        if (changes.Count > 0 || !properties.SequenceEqual(table.Properties))
        {
            await store.AlterTableAsync(table with { Columns = [.. columns], Indexes = [.. indexes], Properties = properties, Version = table.Version + 1 }, changes,
                cancellationToken);
        }
    }

    private static async Task<LoadBatchOutcome?> CommittedAsync(ITableStore store, string database, string label, JobBatch batch, CancellationToken cancellationToken)
    {
        if (await store.FindLabelAsync(database, label, cancellationToken) is not { State: LabelState.Visible } record)
        {
            return null;
        }

        var summary = LoadSummary.FromJson(record.Result) ?? new LoadSummary(0, 0, 0, 0, 0, null);
        return new LoadBatchOutcome(true, Statistic(summary.TotalRows, summary.LoadBytes, summary.FilteredRows, batch) with { Tables = summary.Tables },
            summary.ErrorLog, null, null)
        {
            End = SourceOffset.Read(record.Attachment),
        };
    }

    private static LoadStatistic Statistic(long rows, long bytes, long filtered, JobBatch batch) => new(rows, bytes, batch.Files, batch.Bytes, filtered);
}

/// <summary>
/// Load <paramref name="Batch"/> under <paramref name="Label"/>, committing its end offset with the data, and its
/// keys in <paramref name="Ledger"/> when the job loads in any order. <paramref name="Attempt"/> is the job's load
/// count when it started this load (see <see cref="JobState.LoadAttempt"/>).
/// </summary>
public sealed record LoadBatchRequest(JobDefinition Definition, string Label, JobBatch Batch, string? Ledger, long Attempt);
