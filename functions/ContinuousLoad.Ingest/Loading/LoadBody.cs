using ContinuousLoad.Ingest.Options;

namespace ContinuousLoad.Ingest.Loading;

/// <summary>One input of a load: a stream, how it is compressed, and a name for error messages (a job's object key).</summary>
/// <param name="PathValues">The values of <see cref="LoadOptions.PathFields"/> for this body, in order (null: NULL).</param>
public sealed record LoadBody(Stream Stream, CompressType Compression, string? Name = null, IReadOnlyList<string?>? PathValues = null);
