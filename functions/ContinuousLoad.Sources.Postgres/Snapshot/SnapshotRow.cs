using System.Runtime.CompilerServices;
using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Sources.Postgres.Snapshot;

/// <summary>
/// The row a snapshot reader is on: its fields still in the read buffer, decoded only when asked, so a
/// row costs no allocation beyond the values a caller takes. <see cref="Get{T}"/> takes the common types
/// without boxing; <see cref="GetValue"/> and <see cref="ToArray"/> give the <see cref="TextValueDecoder"/>
/// representation. Values are positional over the table's columns. The row is only valid until the
/// callback it was handed to returns: keep values, never the row.
/// </summary>
public sealed class SnapshotRow
{
    private readonly PgTypeInfo[] _types;
    private readonly bool[] _binary;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private byte[] _buffer = [];

    internal SnapshotRow(IReadOnlyList<PgTypeInfo> types)
    {
        _types = [.. types];
        _binary = [.. types.Select(BinaryValueDecoder.Supports)];
        _starts = new int[_types.Length];
        _lengths = new int[_types.Length];
    }

    public int FieldCount => _types.Length;

    public PgTypeInfo TypeOf(int column) => _types[column];

    public bool IsNull(int column) => _lengths[column] < 0;

    /// <summary>The value as <typeparamref name="T"/>, the same value <see cref="GetValue"/> gives (long for int8, decimal for numeric that fits, string for text ...).</summary>
    /// <exception cref="InvalidCastException">The value is NULL and <typeparamref name="T"/> a value type, or the column's value is not a <typeparamref name="T"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs per value, in generic instantiations ReadyToRun cannot precompile
    public T Get<T>(int column)
    {
        if (_lengths[column] < 0)
        {
            return default(T) is null ? default! : throw new InvalidCastException($"Column {column + 1} ({_types[column]}) is NULL; check IsNull before reading a {typeof(T).Name}.");
        }

        var field = _buffer.AsSpan(_starts[column], _lengths[column]);
        return _binary[column] ? BinaryValueDecoder.Decode<T>(_types[column], field)
            : TextValueDecoder.Decode(_types[column], field) is T value ? value
            : throw new InvalidCastException($"Column {column + 1} ({_types[column]}) is not read as {typeof(T).Name}.");
    }

    /// <summary>The value in the representation <see cref="TextValueDecoder"/> documents; null for NULL.</summary>
    public object? GetValue(int column) => Get<object?>(column);

    /// <summary>All values, in a new array the caller may keep.</summary>
    public object?[] ToArray()
    {
        var values = new object?[_types.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = GetValue(i);
        }

        return values;
    }

    /// <summary>Points the row at its fields in <paramref name="buffer"/>: a start and length per column, length -1 for NULL.</summary>
    internal void Locate(byte[] buffer, int column, int start, int length)
    {
        _buffer = buffer;
        _starts[column] = start;
        _lengths[column] = length;
    }
}
