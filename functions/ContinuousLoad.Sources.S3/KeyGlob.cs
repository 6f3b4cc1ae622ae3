using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ContinuousLoad.Sources.S3;

/// <summary>
/// The object-key pattern of an S3 <c>uri</c>, matched like Doris matches it: <c>*</c> and <c>?</c> stay
/// within one path segment, <c>**</c> crosses segments, <c>[abc]</c>/<c>[a-z]</c>/<c>[!a]</c> are character
/// classes, <c>{a,b}</c> alternatives, <c>{m..n}</c> a numeric range, and <c>\</c> escapes. A key without
/// any of them names exactly one object. Listing starts under <see cref="Prefix"/>, the literal text before
/// the first wildcard.
/// </summary>
public sealed class KeyGlob
{
    /// <summary>Numbers the <c>{m..n}</c> ranges of one pattern may stand for, together.</summary>
    public const int MaxRangeSize = 10_000;

    private static readonly Regex RangeSyntax = new(@"\G\{(\d+)\.\.(\d+)\}", RegexOptions.CultureInvariant);

    private readonly Regex _regex;

    private KeyGlob(string pattern, string prefix, bool hasWildcards, Regex regex)
    {
        Pattern = pattern;
        Prefix = prefix;
        HasWildcards = hasWildcards;
        _regex = regex;
    }

    public string Pattern { get; }

    /// <summary>The literal start of every matching key: where listing begins.</summary>
    public string Prefix { get; }

    public bool HasWildcards { get; }

    public bool IsMatch(string key) => _regex.IsMatch(key);

    /// <exception cref="FormatException">An unclosed <c>[</c> or <c>{</c>, a nested <c>{</c>, a trailing <c>\</c> or a numeric range that is too large.</exception>
    public static KeyGlob Parse(string pattern)
    {
        var regex = new StringBuilder("^");
        var prefix = new StringBuilder();
        var literal = true;
        var inGroup = false;
        var rangeNumbers = 0L;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    if (++i == pattern.Length)
                    {
                        throw Invalid(pattern, "it ends with an escape character");
                    }

                    regex.Append(Regex.Escape(pattern[i].ToString()));
                    if (literal)
                    {
                        prefix.Append(pattern[i]);
                    }

                    continue;
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    regex.Append(".*");
                    i++;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    i = AppendClass(pattern, i, regex);
                    break;
                case '{' when inGroup:
                    throw Invalid(pattern, "'{' groups cannot be nested");
                case '{' when NumericRange(pattern, i) is var (end, from, to) && end > 0:
                    rangeNumbers += AppendRange(pattern, from, to, regex, MaxRangeSize - rangeNumbers);
                    i = end;
                    break;
                case '{':
                    if (pattern.IndexOf('}', i) < 0)
                    {
                        throw Invalid(pattern, "a '{' is not closed");
                    }

                    regex.Append("(?:");
                    inGroup = true;
                    break;
                case '}' when inGroup:
                    regex.Append(')');
                    inGroup = false;
                    break;
                case ',' when inGroup:
                    regex.Append('|');
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    if (literal)
                    {
                        prefix.Append(c);
                    }

                    continue;
            }

            literal = false;
        }

        regex.Append('$');

        // Globs need no backtracking features; the non-backtracking engine matches in time linear in the key, whatever the pattern.
        return new KeyGlob(pattern, prefix.ToString(), !literal,
            new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking));
    }

    /// <returns>The index of the closing <c>]</c>.</returns>
    private static int AppendClass(string pattern, int open, StringBuilder regex)
    {
        var close = open + 2 <= pattern.Length ? pattern.IndexOf(']', open + 2) : -1;
        if (close < 0)
        {
            throw Invalid(pattern, "a '[' is not closed");
        }

        var body = pattern[(open + 1)..close];
        var negated = body[0] is '!' or '^';
        regex.Append(negated ? "[^/" : "[");
        foreach (var c in negated ? body[1..] : body)
        {
            regex.Append(c is '\\' or ']' or '[' or '^' ? "\\" + c : c.ToString());
        }

        regex.Append(']');
        return close;
    }

    /// <summary><c>{m..n}</c> at <paramref name="open"/>: the index of its <c>}</c> and both ends (as written), or end 0.</summary>
    private static (int End, string From, string To) NumericRange(string pattern, int open)
    {
        var match = RangeSyntax.Match(pattern, open);
        return match.Success ? (open + match.Length - 1, match.Groups[1].Value, match.Groups[2].Value) : (0, "", "");
    }

    /// <summary>Every number of the range, in either order; zero-padded when an end is written with leading zeros.</summary>
    /// <returns>How many numbers the range stands for.</returns>
    private static long AppendRange(string pattern, string from, string to, StringBuilder regex, long allowed)
    {
        if (!long.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            || !long.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out var high))
        {
            throw Invalid(pattern, $"the range {{{from}..{to}}} has an end beyond {long.MaxValue}");
        }

        if (low > high)
        {
            (low, high) = (high, low);
        }

        if (high - low >= allowed)
        {
            throw Invalid(pattern, $"its ranges stand for more than {MaxRangeSize} numbers together");
        }

        var width = from.StartsWith('0') && from.Length > 1 || to.StartsWith('0') && to.Length > 1 ? Math.Max(from.Length, to.Length) : 0;
        regex.Append("(?:");
        for (var n = low; n <= high; n++)
        {
            regex.Append(n == low ? "" : "|").Append(n.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
        }

        regex.Append(')');
        return high - low + 1;
    }

    private static FormatException Invalid(string pattern, string why) => new($"Invalid path pattern '{pattern}': {why}.");
}
