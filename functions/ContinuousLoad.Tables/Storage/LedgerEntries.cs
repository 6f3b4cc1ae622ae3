namespace ContinuousLoad.Tables.Storage;

/// <summary>
/// Source items a load consumed (object keys), recorded in the same transaction as its rows and label,
/// so a source read in no particular order knows what it already loaded. Unlike labels, entries do not
/// expire: they stay until their ledger is forgotten.
/// </summary>
/// <param name="Ledger">Whose memory this is, e.g. one streaming job's.</param>
public sealed record LedgerEntries(string Ledger, IReadOnlyList<string> Items);
