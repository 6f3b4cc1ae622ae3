using ContinuousLoad.Ingest.Options;

namespace ContinuousLoad.Ingest.Loading;

/// <summary>One load: its target, its options (from headers or a job's properties) and its body.</summary>
/// <param name="Attachment">Recorded with the label in the same commit (a job's end offset); null for Stream Load.</param>
public sealed record LoadRequest(string Database, string Table, LoadOptions Options, Stream Body, string? Attachment = null);
