using System.Text;

namespace ContinuousLoad.Sources.MySql.Values;

/// <summary>
/// Collation id → .NET encoding (the ids of SHOW COLLATION / information_schema.COLLATIONS; MySQL and
/// MariaDB share them below 256; MySQL 8's utf8mb4_0900 collations sit at 255-323 and MariaDB 11's
/// UCA 14.0.0 collations at 2048+, all UTF-8). MySQL's "latin1" is Windows-1252, not ISO-8859-1.
/// Result sets arrive in the connection's result charset (utf8mb4 here); the binlog carries the
/// stored charset, which is why every id a column can have must map.
/// </summary>
public static class CharacterSets
{
    public const int BinaryCollation = 63;

    /// <summary>utf8mb4_general_ci, the collation this client asks for at connect.</summary>
    public const byte Utf8Mb4GeneralCollation = 45;

    private static readonly Lazy<Encoding> Windows1252 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    });

    private static readonly Encoding Utf16BigEndian = new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
    private static readonly Encoding Utf32BigEndian = new UTF32Encoding(bigEndian: true, byteOrderMark: false);

    /// <summary>The encoding for a collation id; <see cref="NotSupportedException"/> naming the id for one not mapped.</summary>
    public static Encoding GetEncoding(int collationId) => collationId switch
    {
        // utf8mb3 and utf8mb4 collations decode alike.
        33 or 45 or 46 or 76 or 83 or (>= 192 and <= 215) or (>= 223 and <= 247) or (>= 255 and <= 323) or 576 or 577 or 1024 or >= 2048 => Encoding.UTF8,
        5 or 8 or 15 or 31 or 47 or 48 or 49 or 94 => Windows1252.Value,
        11 or 65 => Encoding.ASCII,
        63 => Encoding.Latin1,
        35 or 90 or (>= 128 and <= 151) or 159 => Utf16BigEndian,
        54 or 55 or (>= 101 and <= 124) => Utf16BigEndian,
        56 or 62 => Encoding.Unicode,
        60 or 61 or (>= 160 and <= 183) => Utf32BigEndian,
        _ => throw new NotSupportedException(
            $"Text in collation id {collationId} cannot be decoded: its character set is not one of utf8mb4, utf8mb3, latin1, ascii, ucs2, utf16, utf32. Convert the column to utf8mb4."),
    };

    public static string Decode(int collationId, ReadOnlySpan<byte> bytes) =>
        bytes.IsEmpty ? "" : GetEncoding(collationId).GetString(bytes);
}
