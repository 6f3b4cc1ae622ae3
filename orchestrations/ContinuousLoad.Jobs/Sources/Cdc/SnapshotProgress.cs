namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// How far a CDC job's snapshot has come: the next range starts after primary key <paramref name="After"/> (null: at
/// the first row) — PostgreSQL's key values as the server prints them, MySQL's as <see cref="MySqlKeyText"/> writes them.
/// </summary>
public sealed record SnapshotProgress(IReadOnlyList<string>? After)
{
    public bool Equals(SnapshotProgress? other) => other is not null && (After is null) == (other.After is null) && (After ?? []).SequenceEqual(other.After ?? []);

    public override int GetHashCode() => After?.Count ?? -1;
}
