using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ContinuousLoad.Ingest.Formats.Json;

/// <summary>
/// A Doris JSON path (<c>$</c>, <c>$.a.b</c>, <c>$.a[0]</c>, <c>$["a b"]</c>): member names and array
/// indexes, found in a JSON value's bytes without building a document.
/// </summary>
public sealed class JsonPath
{
    private readonly object[] _steps;

    private JsonPath(string text, object[] steps)
    {
        Text = text;
        _steps = steps;
    }

    public string Text { get; }

    /// <exception cref="FormatException">The text is not a JSON path.</exception>
    public static JsonPath Parse(string text)
    {
        var path = text.Trim();
        if (!path.StartsWith('$'))
        {
            throw new FormatException($"JSON path '{text}' must start with '$'");
        }

        var steps = new List<object>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var start = ++i;
                while (i < path.Length && path[i] is not ('.' or '['))
                {
                    i++;
                }

                if (i == start)
                {
                    throw new FormatException($"JSON path '{text}' has an empty member name");
                }

                steps.Add(path[start..i]);
            }
            else if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0)
                {
                    throw new FormatException($"JSON path '{text}' has an unclosed '['");
                }

                var inner = path[(i + 1)..close].Trim();
                if (inner.Length >= 2 && inner[0] is '"' or '\'' && inner[^1] == inner[0])
                {
                    steps.Add(inner[1..^1]);
                }
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    steps.Add(index);
                }
                else
                {
                    throw new FormatException($"JSON path '{text}' has an invalid index '{inner}'");
                }

                i = close + 1;
            }
            else
            {
                throw new FormatException($"JSON path '{text}' has an unexpected '{path[i]}'");
            }
        }

        return new JsonPath(text, [.. steps]);
    }

    /// <summary>The bytes of the value the path names inside <paramref name="json"/> (one complete value), or false when absent.</summary>
    public bool TryFind(ReadOnlySpan<byte> json, out int start, out int length)
    {
        start = 0;
        length = json.Length;
        foreach (var step in _steps)
        {
            var value = json.Slice(start, length);
            if (!TryStep(value, step, out var innerStart, out length))
            {
                return false;
            }

            start += innerStart;
        }

        return true;
    }

    private static bool TryStep(ReadOnlySpan<byte> value, object step, out int start, out int length)
    {
        start = length = 0;
        var reader = new Utf8JsonReader(value, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read())
        {
            return false;
        }

        if (step is string name && reader.TokenType == JsonTokenType.StartObject)
        {
            var target = Encoding.UTF8.GetBytes(name);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var matches = reader.ValueTextEquals(target);
                reader.Read();
                if (matches)
                {
                    return Span(ref reader, out start, out length);
                }

                reader.Skip();
            }

            return false;
        }

        if (step is int index && reader.TokenType == JsonTokenType.StartArray)
        {
            for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
            {
                if (i == index)
                {
                    return Span(ref reader, out start, out length);
                }

                reader.Skip();
            }
        }

        return false;
    }

    /// <summary>The extent of the value the reader stands on.</summary>
    private static bool Span(ref Utf8JsonReader reader, out int start, out int length)
    {
        start = (int)reader.TokenStartIndex;
        reader.Skip();
        length = (int)reader.BytesConsumed - start;
        return true;
    }
}
