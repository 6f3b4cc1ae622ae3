using System.Collections.Concurrent;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Jobs.Sources.Mirror;

/// <summary>
/// Looks for <see cref="UnpropagatedChanges"/> in the target tables a database-level task loaded. A type or key change
/// leaves no trace in the changes a task reads, so the source's catalog is asked — for each table at most once per
/// <see cref="JobSettings.SourceSchemaCheckInterval"/> in this process, not on every task.
/// </summary>
public sealed class UnpropagatedChangeWatch(JobSettings settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Job, string Table), DateTimeOffset> _due = new();

    /// <returns>What changed unpropagated, one sentence per table; null when nothing did (or nothing was due).</returns>
    public async Task<string?> CheckAsync(ITableStore store, IJobSource source, CompiledJob job, IEnumerable<string> targets, CancellationToken cancellationToken)
    {
        if (job.Source is not CdcStreamSource { Tables.WholeDatabase: true } cdc)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var notes = new List<string>();
        foreach (var target in targets)
        {
            var key = (job.Definition.Name, target);
            if (_due.TryGetValue(key, out var due) && due > now)
            {
                continue;
            }

            _due[key] = now + settings.SourceSchemaCheckInterval;
            if (await store.FindTableAsync(job.Definition.Database, target, cancellationToken) is not { } table || SourceColumns.Of(table).Count == 0)
            {
                continue;
            }

            try
            {
                if (UnpropagatedChanges.Describe(await source.DescribeTableAsync(job, cdc.Tables.SourceOf(target), cancellationToken), table) is { } note)
                {
                    notes.Add(note);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The task has committed: a source that cannot be described now (a table dropped since) is looked at again when due.
            }
        }

        return notes.Count == 0 ? null : string.Join(" ", notes);
    }
}
