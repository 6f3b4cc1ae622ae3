namespace ContinuousLoad.Sources.Postgres.Snapshot;

/// <summary>
/// One chunk of a table's snapshot: the rows whose primary key is greater than <see cref="After"/> and
/// at most <see cref="UpTo"/> (key values as the server prints them; null = unbounded on that side).
/// Chunks are independent, so they can be read in parallel and a reader that stopped resumes at the
/// first chunk not completed: plan again with <c>after</c> = that chunk's <see cref="After"/>.
/// </summary>
public sealed record KeysetChunk(int Index, IReadOnlyList<string>? After, IReadOnlyList<string>? UpTo);
