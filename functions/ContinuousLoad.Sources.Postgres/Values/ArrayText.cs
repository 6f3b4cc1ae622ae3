using System.Text;

namespace ContinuousLoad.Sources.Postgres.Values;

/// <summary>
/// Reads PostgreSQL's array output (array_out): <c>{1,2,NULL}</c>, <c>{"a b","q\"uote"}</c>, nested
/// <c>{{1,2},{3,4}}</c>, with an optional bounds prefix <c>[0:1]={...}</c> that is skipped (the values keep
/// their order). Elements are decoded with the element type; a multi-dimensional array becomes nested arrays.
/// </summary>
internal static class ArrayText
{
    public static object?[] Parse(PgTypeInfo arrayType, ReadOnlySpan<byte> text)
    {
        var element = arrayType.Element ?? throw Bad(arrayType, text, "array type without element type");
        var at = 0;
        if (text.Length > 0 && text[0] == '[')
        {
            at = text.IndexOf((byte)'=') + 1;
            if (at <= 0)
            {
                throw Bad(arrayType, text, "bounds prefix without '='");
            }
        }

        var result = ReadLevel(arrayType, element, text, ref at, 1);
        return at == text.Length ? result : throw Bad(arrayType, text, $"unexpected text after position {at}");
    }

    /// <summary>One level of braces; nesting is bounded by PostgreSQL's own dimension limit, so no text can recurse deeper.</summary>
    private static object?[] ReadLevel(PgTypeInfo arrayType, PgTypeInfo element, ReadOnlySpan<byte> text, ref int at, int dimension)
    {
        if (at >= text.Length || text[at] != '{')
        {
            throw Bad(arrayType, text, $"expected '{{' at position {at}");
        }

        if (dimension > BinaryValueDecoder.MaxDimensions)
        {
            throw Bad(arrayType, text, $"more than {BinaryValueDecoder.MaxDimensions} dimensions, PostgreSQL's limit");
        }

        at++;
        var items = new List<object?>();
        var delimiter = (byte)arrayType.Delimiter;
        if (at < text.Length && text[at] == '}')
        {
            at++;
            return [];
        }

        while (true)
        {
            if (at >= text.Length)
            {
                throw Bad(arrayType, text, "unterminated array");
            }

            if (text[at] == '{')
            {
                items.Add(ReadLevel(arrayType, element, text, ref at, dimension + 1));
            }
            else if (text[at] == '"')
            {
                items.Add(TextValueDecoder.Decode(element, ReadQuoted(arrayType, text, ref at)));
            }
            else
            {
                var start = at;
                while (at < text.Length && text[at] != delimiter && text[at] != '}')
                {
                    at++;
                }

                var raw = text[start..at];
                items.Add(raw.SequenceEqual("NULL"u8) ? null : TextValueDecoder.Decode(element, raw));
            }

            if (at >= text.Length)
            {
                throw Bad(arrayType, text, "unterminated array");
            }

            if (text[at] == '}')
            {
                at++;
                return [.. items];
            }

            if (text[at] != delimiter)
            {
                throw Bad(arrayType, text, $"expected '{(char)delimiter}' or '}}' at position {at}");
            }

            at++;
        }
    }

    private static byte[] ReadQuoted(PgTypeInfo arrayType, ReadOnlySpan<byte> text, ref int at)
    {
        at++;
        var value = new List<byte>();
        while (at < text.Length && text[at] != '"')
        {
            if (text[at] == '\\')
            {
                at++;
            }

            if (at < text.Length)
            {
                value.Add(text[at++]);
            }
        }

        if (at >= text.Length)
        {
            throw Bad(arrayType, text, "unterminated quoted element");
        }

        at++;
        return [.. value];
    }

    /// <summary>The error names the value, cut to its first 200 bytes.</summary>
    private static PostgresSourceException Bad(PgTypeInfo type, ReadOnlySpan<byte> text, string why) =>
        new(PostgresSourceError.ValueNotDecodable,
            $"Cannot read '{Encoding.UTF8.GetString(text[..Math.Min(text.Length, 200)])}{(text.Length > 200 ? "..." : "")}' as {type}: {why}.");
}
