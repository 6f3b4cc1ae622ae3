using ContinuousLoad.Ingest.Loading;
using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>What a CDC job needs of its source table, whichever the source, and how its changes reach the load.</summary>
public static class SourceTableFit
{
    /// <exception cref="DorisException">The table has no primary key, or the job's SELECT reads a column it does not have.</exception>
    public static void Check(string table, bool hasPrimaryKey, IReadOnlyCollection<string> columns, LoadOptions load)
    {
        if (!hasPrimaryKey)
        {
            throw new DorisException($"Source table {table} has no primary key; a cdc_stream job needs one to read it in chunks and to apply its changes by key");
        }

        foreach (var field in (load.Columns ?? []).Where(c => c.Expression is null && c.Name != CdcStreamSource.DeleteSignField && !columns.Contains(c.Name)))
        {
            throw new DorisException($"Unknown column '{field.Name}' in source table {table}");
        }
    }

    /// <summary>One body of change rows, which the load opens with the field names its mapping reads; <paramref name="key"/> names the source's primary key.</summary>
    public static async IAsyncEnumerable<LoadBody> Body<TPosition>(IAsyncEnumerable<SourceChange<TPosition>> changes, IReadOnlyCollection<string> key, TimeZoneInfo zone)
    {
        await Task.CompletedTask;
        yield return LoadBody.OfRows((names, _) => new ChangeRowSource<TPosition>(changes, names, key, zone));
    }
}
