using System.Collections.Concurrent;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Jobs.Sources.Mirror;

/// <summary>
/// Looks for <see cref="UnpropagatedChanges"/> in the target tables a database-level task loaded. A type or key change
/// leaves no trace in the changes a task reads, so the source's catalog is asked — for each table at most once per
/// <see cref="JobSettings.SourceSchemaCheckInterval"/> in this process, the first time one interval after this process first
/// loads it, and for all the tables due at once over one connection: a busy job over many tables pays a few catalog
/// queries a minute, not a query per table per task.
/// </summary>
public sealed class UnpropagatedChangeWatch(JobSettings settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Job, string Table), DateTimeOffset> _due = new();

    /// <returns>What changed unpropagated, one sentence per table; null when nothing did (or nothing was due).</returns>
    public async Task<string?> CheckAsync(ITableStore store, IJobSource source, CompiledJob job, IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        if (job.Source is not CdcStreamSource { Tables.WholeDatabase: true } cdc)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var due = new List<Tables.Catalog.TableSchema>();
        foreach (var target in targets)
        {
            var key = (job.Definition.Name, target);
            if (_due.TryAdd(key, now + settings.SourceSchemaCheckInterval) || _due[key] > now)
            {
                continue;
            }

            _due[key] = now + settings.SourceSchemaCheckInterval;
            if (await store.FindTableAsync(job.Definition.Database, target, cancellationToken) is { } table && SourceColumns.Of(table).Count > 0)
            {
                due.Add(table);
            }
        }

        if (due.Count == 0)
        {
            return null;
        }

        try
        {
            var described = await source.DescribeTablesAsync(job, [.. due.Select(t => cdc.Tables.SourceOf(t.Name))], cancellationToken);
            var notes = due.Select((table, i) => UnpropagatedChanges.Describe(described[i], table)).OfType<string>().ToList();
            return notes.Count == 0 ? null : string.Join(" ", notes);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The task has committed: a source that cannot be described now (a table dropped since) is looked at again when due.
            return null;
        }
    }
}
