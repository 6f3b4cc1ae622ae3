using System.Collections;
using System.Collections.Immutable;

namespace ContinuousLoad.Sql.Syntax;

/// <summary>An immutable list with structural equality, so syntax records compare by content.</summary>
public readonly struct NodeList<T> : IReadOnlyList<T>, IEquatable<NodeList<T>>
{
    private readonly ImmutableArray<T> _items;

    public NodeList(ImmutableArray<T> items) => _items = items.IsDefault ? [] : items;

    public NodeList(IEnumerable<T> items) => _items = [.. items];

    public static NodeList<T> Empty => new(ImmutableArray<T>.Empty);

    public int Count => _items.IsDefault ? 0 : _items.Length;

    public bool IsEmpty => Count == 0;

    public T this[int index] => _items[index];

    public static implicit operator NodeList<T>(ImmutableArray<T> items) => new(items);

    public static implicit operator NodeList<T>(T[] items) => new(ImmutableArray.Create(items));

    public static bool operator ==(NodeList<T> left, NodeList<T> right) => left.Equals(right);

    public static bool operator !=(NodeList<T> left, NodeList<T> right) => !left.Equals(right);

    public ImmutableArray<T> AsImmutableArray() => _items.IsDefault ? [] : _items;

    public bool Equals(NodeList<T> other) => AsImmutableArray().SequenceEqual(other.AsImmutableArray());

    public override bool Equals(object? obj) => obj is NodeList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in AsImmutableArray())
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public ImmutableArray<T>.Enumerator GetEnumerator() => AsImmutableArray().GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)AsImmutableArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)AsImmutableArray()).GetEnumerator();

    public override string ToString() => $"[{string.Join(", ", AsImmutableArray())}]";
}
