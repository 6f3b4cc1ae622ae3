using System.Text;

namespace ContinuousLoad.Sql.Functions;

/// <summary>
/// Character-based string operations counting Unicode code points, as Doris counts UTF-8 characters.
/// Strings without surrogate pairs (nearly all) take the direct UTF-16 path.
/// </summary>
public static class TextElements
{
    public static bool IsSimple(string text) => text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0;

    public static int Count(string text) => IsSimple(text) ? text.Length : text.EnumerateRunes().Count();

    /// <summary>The code points from <paramref name="start"/> (0-based), at most <paramref name="length"/> of them.</summary>
    public static string Slice(string text, int start, int length)
    {
        if (IsSimple(text))
        {
            start = Math.Clamp(start, 0, text.Length);
            return text.Substring(start, Math.Clamp(length, 0, text.Length - start));
        }

        var runes = text.EnumerateRunes().ToArray();
        start = Math.Clamp(start, 0, runes.Length);
        length = Math.Clamp(length, 0, runes.Length - start);
        var slice = new StringBuilder(length);
        for (var i = start; i < start + length; i++)
        {
            slice.Append(runes[i].ToString());
        }

        return slice.ToString();
    }

    public static string Reverse(string text)
    {
        var runes = text.EnumerateRunes().ToArray();
        Array.Reverse(runes);
        var reversed = new StringBuilder(text.Length);
        foreach (var rune in runes)
        {
            reversed.Append(rune.ToString());
        }

        return reversed.ToString();
    }
}
