using System.Text;

namespace ContinuousLoad.Ingest.Formats;

/// <summary>
/// A body's rows with the body's own values appended as fields (a job's <c>path_partition_keys</c>): fields
/// before <paramref name="dataFields"/> come from the data, the next ones are the body's values, and any
/// extra data fields of a wider row follow them, so field counts still tell short and wide rows apart.
/// </summary>
public sealed class PathFieldsRowSource(IRowSource inner, int dataFields, IReadOnlyList<string?> values) : IRowSource
{
    private readonly byte[]?[] _values = [.. values.Select(v => v is null ? null : Encoding.UTF8.GetBytes(v))];

    public int FieldCount => inner.FieldCount < dataFields ? inner.FieldCount : inner.FieldCount + _values.Length;

    public long RowNumber => inner.RowNumber;

    public string? RowError => inner.RowError;

    public long BytesRead => inner.BytesRead;

    public ReadOnlySpan<byte> RawRow => inner.RawRow;

    public ValueTask<bool> ReadAsync(CancellationToken cancellationToken) => inner.ReadAsync(cancellationToken);

    public ReadOnlySpan<byte> Field(int index) =>
        index < dataFields ? inner.Field(index)
        : index < dataFields + _values.Length ? _values[index - dataFields]
        : inner.Field(index - _values.Length);

    public bool IsNull(int index) =>
        index < dataFields ? inner.IsNull(index)
        : index < dataFields + _values.Length ? _values[index - dataFields] is null
        : inner.IsNull(index - _values.Length);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
