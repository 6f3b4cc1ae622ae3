using System.Text;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// What TABLE_MAP does not say about a column and decoding needs: its name, signedness, collation (text or
/// binary, and which charset) and, for ENUM and SET, the member names in definition order. Read from
/// information_schema, or from TABLE_MAP's optional metadata when the server sends it.
/// </summary>
public sealed record BinlogColumnSchema(string Name, bool Unsigned, int CollationId, IReadOnlyList<string> Members)
{
    private Encoding? _encoding;

    public bool IsBinary => CollationId == CharacterSets.BinaryCollation;

    /// <summary>Text in the column's charset; the encoding is looked up once per column, not per value.</summary>
    public string Decode(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? "" : (_encoding ??= LookUpEncoding()).GetString(bytes);

    private Encoding LookUpEncoding()
    {
        try
        {
            return CharacterSets.GetEncoding(CollationId);
        }
        catch (NotSupportedException e)
        {
            throw new BinlogFormatException($"column {Name}: {e.Message}", e);
        }
    }
}
