namespace ContinuousLoad.Ingest.Formats.Csv;

/// <summary>How a CSV body is split: separator and line delimiter (any length), optional enclose and escape bytes.</summary>
public sealed record CsvFormat(byte[] ColumnSeparator, byte[] LineDelimiter, byte? Enclose = null, byte? Escape = null, bool TrimDoubleQuotes = false)
{
    public static CsvFormat Default { get; } = new("\t"u8.ToArray(), "\n"u8.ToArray());

    /// <summary>With the default "\n" delimiter a trailing "\r" belongs to the delimiter (CRLF files).</summary>
    public bool StripCarriageReturn => LineDelimiter is [(byte)'\n'];
}
