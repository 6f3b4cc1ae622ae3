using System.Runtime.CompilerServices;
using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Ingest.Loading;

/// <summary>
/// One load: its target, its options (from headers or a job's definition) and its bodies — one for
/// Stream Load, a batch of objects for a job — all written in one transaction under one label.
/// </summary>
/// <param name="Bodies">Opened one at a time, in order; each is read to its end and disposed before the next.</param>
/// <param name="Attachment">
/// Recorded with the label in the same commit (a job's end offset, which a snapshot read learns only as it reads:
/// asked for once every body is read); null for Stream Load.
/// </param>
/// <param name="Ledger">The source items the load consumes, recorded with the label (a job that loads in any order).</param>
public sealed record LoadRequest(string Database, string Table, LoadOptions Options, IAsyncEnumerable<LoadBody> Bodies, Func<string>? Attachment = null,
    LedgerEntries? Ledger = null)
{
    /// <summary>
    /// The mapping of a body that names another table (<see cref="LoadBody.Table"/>); the load's own settings (label,
    /// timeout, filter ratio, strict mode) stay <see cref="Options"/>'. Null: such bodies are refused.
    /// </summary>
    public Func<TableSchema, LoadOptions>? OptionsFor { get; init; }

    public LoadRequest(string database, string table, LoadOptions options, Stream body)
        : this(database, table, options, One(new LoadBody(body, options.Compression)))
    {
    }

    private static async IAsyncEnumerable<LoadBody> One(LoadBody body, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield return body;
    }
}
