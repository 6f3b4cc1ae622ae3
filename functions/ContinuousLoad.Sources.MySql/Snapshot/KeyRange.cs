namespace ContinuousLoad.Sources.MySql.Snapshot;

/// <summary>
/// A range of primary-key values, lower bound exclusive and upper bound inclusive: (After, Through].
/// Keys are lists in primary-key column order, values in the representation of
/// <see cref="Values.MySqlValues"/>; null bounds are open. A chunk's range makes it re-readable, and the
/// next chunk starts after its last key.
/// </summary>
public sealed record KeyRange(IReadOnlyList<object?>? After, IReadOnlyList<object?>? Through)
{
    public static KeyRange All { get; } = new(null, null);

    public static KeyRange StartingAfter(IReadOnlyList<object?>? key) => new(key, null);

    public override string ToString() => $"({Show(After)}, {Show(Through)}]";

    private static string Show(IReadOnlyList<object?>? key) =>
        key is null ? "open" : "[" + string.Join(", ", key.Select(value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
