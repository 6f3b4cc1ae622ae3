namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// How far a CDC job's snapshot has come: the next range starts after primary key <paramref name="After"/> (null: at
/// the first row) — PostgreSQL's key values as the server prints them, MySQL's as <see cref="MySqlKeyText"/> writes them —
/// of source table <paramref name="Table"/> (a database-level job's, which reads its tables one after another in name
/// order; null for a table-level job's one table).
/// </summary>
public sealed record SnapshotProgress(IReadOnlyList<string>? After, string? Table = null)
{
    /// <summary>A database-level job's tables read to their end, of <see cref="Tables"/> (shown, not compared).</summary>
    public int TablesDone { get; init; }

    public int Tables { get; init; }

    /// <summary>Chunks (ranges of up to <c>snapshot_split_size</c> rows of one table) read so far, of about <see cref="Chunks"/> (shown, not compared).</summary>
    public int ChunksDone { get; init; }

    /// <summary>The snapshot's chunks, estimated from the source's table statistics when its last range was planned.</summary>
    public int Chunks { get; init; }

    public bool Equals(SnapshotProgress? other) =>
        other is not null && Table == other.Table && (After is null) == (other.After is null) && (After ?? []).SequenceEqual(other.After ?? []);

    public override int GetHashCode() => HashCode.Combine(Table, After?.Count ?? -1);

}
