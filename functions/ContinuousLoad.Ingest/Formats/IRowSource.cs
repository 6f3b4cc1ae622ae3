namespace ContinuousLoad.Ingest.Formats;

/// <summary>
/// Rows of raw source fields (UTF-8 bytes) read from a load's body. A row and its fields stay valid
/// until the next <see cref="ReadAsync"/>. A row the format could not read carries <see cref="RowError"/>.
/// </summary>
public interface IRowSource : IAsyncDisposable
{
    /// <summary>Fields in the current row (JSON: one per wanted name, in that order).</summary>
    int FieldCount { get; }

    /// <summary>1-based number of the current row in the body.</summary>
    long RowNumber { get; }

    /// <summary>Why the current row could not be read (malformed), or null.</summary>
    string? RowError { get; }

    /// <summary>Bytes consumed from the (decompressed) body so far.</summary>
    long BytesRead { get; }

    /// <summary>Moves to the next row; false at the end of the body.</summary>
    ValueTask<bool> ReadAsync(CancellationToken cancellationToken);

    ReadOnlySpan<byte> Field(int index);

    /// <summary>True for a NULL field (<c>\N</c> in CSV, null or absent in JSON).</summary>
    bool IsNull(int index);

    /// <summary>
    /// True for a field the source did not send with this row, which is not NULL but unknown: a change image
    /// without an unchanged column (PostgreSQL's unchanged TOAST values, MySQL's partial row images). In a
    /// change-data load the columns it feeds keep the values the table has. Files never have absent fields.
    /// </summary>
    bool IsAbsent(int index) => false;

    /// <summary>The row as it appeared in the body, for the error log.</summary>
    ReadOnlySpan<byte> RawRow { get; }
}
