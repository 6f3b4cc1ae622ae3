using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Text;

namespace ContinuousLoad.Sources.Postgres.Values;

/// <summary>
/// Turns one value's text (UTF-8, as the type's output function prints it under <see cref="SessionSettings"/>)
/// into our value: bool, short, int, long, uint (oid), float, double (NaN and infinities kept), decimal or
/// exact string (numeric), byte[] (bytea), Guid, DateOnly, TimeSpan (time), <see cref="TimeWithOffset"/>,
/// DateTime (timestamp, unspecified kind), DateTimeOffset (timestamptz, UTC), <see cref="InetValue"/>,
/// object?[] (arrays), string (text, json/jsonb, interval, enums and everything else).
/// Snapshot rows and pgoutput rows both come through here, so the two never disagree.
/// </summary>
public static class TextValueDecoder
{
    public static object Decode(PgTypeInfo type, ReadOnlySpan<byte> text)
    {
        object? value = type.Kind switch
        {
            PgValueKind.Text or PgValueKind.Json or PgValueKind.Interval or PgValueKind.Enum => Encoding.UTF8.GetString(text),
            PgValueKind.Boolean => DecodeBoolean(text),
            PgValueKind.Int16 => Utf8Parser.TryParse(text, out short s, out var used) && used == text.Length ? s : null,
            PgValueKind.Int32 => Utf8Parser.TryParse(text, out int i, out var used) && used == text.Length ? i : null,
            PgValueKind.Int64 => Utf8Parser.TryParse(text, out long l, out var used) && used == text.Length ? l : null,
            PgValueKind.Oid => Utf8Parser.TryParse(text, out uint u, out var used) && used == text.Length ? u : null,
            PgValueKind.Float4 => float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : null,
            PgValueKind.Float8 => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            PgValueKind.Numeric => NumericText.Parse(text),
            PgValueKind.Bytea => DecodeBytea(text),
            PgValueKind.Uuid => Utf8Parser.TryParse(text, out Guid g, out var used, 'D') && used == text.Length ? g : null,
            PgValueKind.Date => DateTimeText.TryParseDate(text, out var date) ? date : null,
            PgValueKind.Time => DateTimeText.TryParseTime(text, out var time) ? time : null,
            PgValueKind.TimeTz => DateTimeText.TryParseTimeTz(text, out var timeTz) ? timeTz : null,
            PgValueKind.Timestamp => DateTimeText.TryParseTimestamp(text, out var timestamp) ? timestamp : null,
            PgValueKind.TimestampTz => DateTimeText.TryParseTimestampTz(text, out var timestampTz) ? timestampTz : null,
            PgValueKind.Inet => DecodeInet(text),
            PgValueKind.Array => ArrayText.Parse(type, text),
            _ => Encoding.UTF8.GetString(text),
        };
        return value ?? throw new PostgresSourceException(
            PostgresSourceError.ValueNotDecodable,
            $"Cannot read '{Encoding.UTF8.GetString(text)}' as {type} (the source reads ISO dates and years 1 to 9999; other values are not representable).");
    }

    // bool_out prints t/f; the bool-to-text cast (used when a snapshot reads other types as text) prints true/false.
    private static object? DecodeBoolean(ReadOnlySpan<byte> text) =>
        text.SequenceEqual("t"u8) || text.SequenceEqual("true"u8) ? true : text.SequenceEqual("f"u8) || text.SequenceEqual("false"u8) ? false : null;

    private static byte[]? DecodeBytea(ReadOnlySpan<byte> text)
    {
        if (text.Length < 2 || text[0] != '\\' || text[1] != 'x' || text.Length % 2 != 0)
        {
            return null;
        }

        var bytes = new byte[(text.Length - 2) / 2];
        return Convert.FromHexString(text[2..], bytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == bytes.Length
            ? bytes
            : null;
    }

    private static object? DecodeInet(ReadOnlySpan<byte> text)
    {
        Span<char> chars = stackalloc char[64];
        if (text.Length > chars.Length)
        {
            return null;
        }

        var length = Encoding.ASCII.GetChars(text, chars);
        var all = chars[..length];
        var slash = all.IndexOf('/');
        var address = slash < 0 ? all : all[..slash];
        if (!IPAddress.TryParse(address, out var ip))
        {
            return null;
        }

        var full = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        if (slash < 0)
        {
            return new InetValue(ip, full);
        }

        return int.TryParse(all[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) && prefix <= full
            ? new InetValue(ip, prefix)
            : null;
    }
}
