namespace ContinuousLoad.Ingest.Formats;

/// <summary>Passes a source's rows through after dropping the first few (<c>skip_lines</c>, CSV headers).</summary>
public sealed class SkippingRowSource(IRowSource inner, int skip) : IRowSource
{
    private int _toSkip = skip;

    public int FieldCount => inner.FieldCount;

    public long RowNumber => inner.RowNumber;

    public string? RowError => inner.RowError;

    public long BytesRead => inner.BytesRead;

    public ReadOnlySpan<byte> RawRow => inner.RawRow;

    public ValueTask<bool> ReadAsync(CancellationToken cancellationToken) =>
        _toSkip == 0 ? inner.ReadAsync(cancellationToken) : SkipThenReadAsync(cancellationToken);

    private async ValueTask<bool> SkipThenReadAsync(CancellationToken cancellationToken)
    {
        for (; _toSkip > 0; _toSkip--)
        {
            if (!await inner.ReadAsync(cancellationToken))
            {
                return false;
            }
        }

        return await inner.ReadAsync(cancellationToken);
    }

    public ReadOnlySpan<byte> Field(int index) => inner.Field(index);

    public bool IsNull(int index) => inner.IsNull(index);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
