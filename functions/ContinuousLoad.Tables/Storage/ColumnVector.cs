using System.Text;

namespace ContinuousLoad.Tables.Storage;

/// <summary>
/// One column of a <see cref="RowBatch"/>: values in their storage class, with NULL flags. Text is kept
/// as UTF-8 in one growing buffer, so a batch of strings costs no per-value allocation.
/// </summary>
public sealed class ColumnVector
{
    private long[] _integers = [];
    private double[] _reals = [];
    private byte[] _text = [];
    private int[] _textEnds = [];
    private bool[] _nulls;
    private int _textLength;

    public ColumnVector(StorageClass storage, int capacity)
    {
        Storage = storage;
        _nulls = new bool[capacity];
        switch (storage)
        {
            case StorageClass.Integer:
                _integers = new long[capacity];
                break;
            case StorageClass.Real:
                _reals = new double[capacity];
                break;
            default:
                _textEnds = new int[capacity];
                _text = new byte[Math.Max(256, capacity * 16)];
                break;
        }
    }

    public StorageClass Storage { get; }

    public int Count { get; private set; }

    public bool IsNull(int row) => _nulls[row];

    public long GetInteger(int row) => _integers[row];

    public double GetReal(int row) => _reals[row];

    public ReadOnlySpan<byte> GetText(int row)
    {
        var start = row == 0 ? 0 : _textEnds[row - 1];
        return _text.AsSpan(start, _textEnds[row] - start);
    }

    public string GetString(int row) => Encoding.UTF8.GetString(GetText(row));

    public void AddNull()
    {
        Grow();
        _nulls[Count] = true;
        if (Storage == StorageClass.Text)
        {
            _textEnds[Count] = _textLength;
        }

        Count++;
    }

    public void AddInteger(long value)
    {
        Grow();
        _nulls[Count] = false;
        _integers[Count++] = value;
    }

    public void AddReal(double value)
    {
        Grow();
        _nulls[Count] = false;
        _reals[Count++] = value;
    }

    public void AddText(ReadOnlySpan<byte> utf8)
    {
        Grow();
        if (_textLength + utf8.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + utf8.Length));
        }

        utf8.CopyTo(_text.AsSpan(_textLength));
        _textLength += utf8.Length;
        _nulls[Count] = false;
        _textEnds[Count++] = _textLength;
    }

    public void AddText(string text)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_textLength + maxBytes > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + maxBytes));
        }

        Grow();
        var written = Encoding.UTF8.GetBytes(text, _text.AsSpan(_textLength));
        _textLength += written;
        _nulls[Count] = false;
        _textEnds[Count++] = _textLength;
    }

    /// <summary>Copies row <paramref name="row"/> of <paramref name="source"/> (same storage class) to the end.</summary>
    public void AddFrom(ColumnVector source, int row)
    {
        if (source.IsNull(row))
        {
            AddNull();
            return;
        }

        switch (Storage)
        {
            case StorageClass.Integer:
                AddInteger(source.GetInteger(row));
                break;
            case StorageClass.Real:
                AddReal(source.GetReal(row));
                break;
            default:
                AddText(source.GetText(row));
                break;
        }
    }

    /// <summary>Drops values past <paramref name="count"/> (a row that failed half way through).</summary>
    public void TruncateTo(int count)
    {
        if (count >= Count)
        {
            return;
        }

        Count = count;
        if (Storage == StorageClass.Text)
        {
            _textLength = count == 0 ? 0 : _textEnds[count - 1];
        }
    }

    /// <summary>Room to write up to <paramref name="maxBytes"/> bytes of text in place; finish with <see cref="CommitText"/>.</summary>
    public Span<byte> ReserveText(int maxBytes)
    {
        if (_textLength + maxBytes > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + maxBytes));
        }

        return _text.AsSpan(_textLength, maxBytes);
    }

    public void CommitText(int written)
    {
        Grow();
        _textLength += written;
        _nulls[Count] = false;
        _textEnds[Count++] = _textLength;
    }

    public void Clear()
    {
        Count = 0;
        _textLength = 0;
    }

    private void Grow()
    {
        if (Count < _nulls.Length)
        {
            return;
        }

        var capacity = Math.Max(16, _nulls.Length * 2);
        Array.Resize(ref _nulls, capacity);
        switch (Storage)
        {
            case StorageClass.Integer:
                Array.Resize(ref _integers, capacity);
                break;
            case StorageClass.Real:
                Array.Resize(ref _reals, capacity);
                break;
            default:
                Array.Resize(ref _textEnds, capacity);
                break;
        }
    }
}
