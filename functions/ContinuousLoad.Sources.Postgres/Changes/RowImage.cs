using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Sources.Postgres.Changes;

/// <summary>
/// One row's values, positional over the relation's columns: decoded values (TextValueDecoder) or null.
/// Absent (not sent) are a TOASTed column an update did not touch, and — in a key-only old row
/// (<see cref="IsKeyOnly"/>, pgoutput 'K') — every column outside the replica identity key.
/// <para>
/// A row of the change stream keeps the server's text of each value and decodes a value the first time it is
/// read, so a consumer that needs only some values, or the text itself (<see cref="TryGetText"/>), pays for no more.
/// A snapshot row comes decoded.
/// </para>
/// </summary>
public sealed class RowImage : RowValues
{
    /// <summary>The length that marks a NULL value in a row of texts.</summary>
    internal const int NullText = -1;

    /// <summary>The length that marks an unchanged TOAST value (not sent) in a row of texts.</summary>
    internal const int UnchangedToastText = -2;

    private static readonly object NotDecoded = new();

    private readonly object?[] _values;
    private readonly byte[]? _text;
    private readonly int[]? _starts;
    private readonly int[]? _lengths;

    /// <summary>A row of decoded values (<see cref="UnchangedToast.Value"/> for an unchanged TOAST value).</summary>
    public RowImage(RelationSchema relation, object?[] values, bool keyOnly = false)
    {
        (Relation, _values, IsKeyOnly) = (relation, values, keyOnly);
    }

    /// <summary>A row of the server's texts: value i is <paramref name="text"/>[starts[i] .. + lengths[i]], or NULL (-1), or an unchanged TOAST value (-2).</summary>
    internal RowImage(RelationSchema relation, byte[] text, int[] starts, int[] lengths, bool keyOnly)
    {
        (Relation, _text, _starts, _lengths, IsKeyOnly) = (relation, text, starts, lengths, keyOnly);
        _values = new object?[lengths.Length];
        Array.Fill(_values, NotDecoded);
    }

    public RelationSchema Relation { get; }

    public override ChangeTable Table => Relation;

    /// <summary>Only the replica identity key was sent (the old row of an update or delete under REPLICA IDENTITY DEFAULT or USING INDEX).</summary>
    public bool IsKeyOnly { get; }

    public override int Count => _values.Length;

    public override object? this[int column] => IsPresent(column) ? Value(column) : null;

    public override bool IsPresent(int column) => !IsUnchangedToast(column) && (!IsKeyOnly || Relation.Columns[column].IsKey);

    public override bool IsNull(int column) => IsPresent(column) && (_lengths is { } lengths ? lengths[column] == NullText : _values[column] is null);

    public bool IsUnchangedToast(int column) => _lengths is { } lengths ? lengths[column] == UnchangedToastText : ReferenceEquals(_values[column], UnchangedToast.Value);

    /// <summary>The value as the server printed it, when the row kept it (a change stream row; not NULL, sent).</summary>
    public bool TryGetText(int column, out ReadOnlySpan<byte> text)
    {
        if (_lengths is { } lengths && lengths[column] >= 0 && IsPresent(column))
        {
            text = _text.AsSpan(_starts![column], lengths[column]);
            return true;
        }

        text = default;
        return false;
    }

    private object? Value(int column)
    {
        var value = _values[column];
        if (!ReferenceEquals(value, NotDecoded))
        {
            return value;
        }

        value = _lengths![column] == NullText ? null : Decode(column);
        _values[column] = value;
        return value;
    }

    private object Decode(int column)
    {
        try
        {
            return TextValueDecoder.Decode(Relation.Columns[column].Type, _text.AsSpan(_starts![column], _lengths![column]));
        }
        catch (PostgresSourceException e) when (e.Error == PostgresSourceError.ValueNotDecodable)
        {
            throw new PostgresSourceException(e.Error, $"{Relation.Table}.{Relation.Columns[column].Name}: {e.Message}", null, e);
        }
    }
}
