using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace ContinuousLoad.Sql.Evaluation;

/// <summary>
/// LIKE patterns (<c>%</c>, <c>_</c>, backslash escapes) and REGEXP patterns, built once and cached.
/// Both run on .NET's non-backtracking engine: matching takes time linear in the text whatever the
/// pattern (no <c>%a%a%a…b</c> blow-up), and REGEXP gets RE2's dialect, which is what Doris uses —
/// backreferences and lookaround are invalid there too.
/// </summary>
public static class LikePattern
{
    private const int CacheLimit = 1024;
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private static readonly ConcurrentDictionary<(string Pattern, bool Regexp), Regex?> Cache = new();

    /// <returns>True/false, or null when a REGEXP pattern is not a valid regular expression.</returns>
    /// <exception cref="Limits.SqlLimitException">One value took longer than a second to match (a backstop; linear matching should never).</exception>
    public static bool? Matches(string text, string pattern, bool regexp)
    {
        var regex = Compile(pattern, regexp);
        try
        {
            return regex?.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new Limits.SqlLimitException(
                $"Matching a value of {text.Length} characters against the pattern took longer than {MatchTimeout.TotalSeconds:0} s; simplify the pattern");
        }
    }

    private static Regex? Compile(string pattern, bool regexp)
    {
        if (Cache.TryGetValue((pattern, regexp), out var cached))
        {
            return cached;
        }

        Regex? regex;
        try
        {
            regex = new Regex(regexp ? pattern : ToRegex(pattern), RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking,
                MatchTimeout);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            regex = null;
        }

        if (Cache.Count < CacheLimit)
        {
            Cache.TryAdd((pattern, regexp), regex);
        }

        return regex;
    }

    /// <summary>Translates a LIKE pattern into an anchored regular expression.</summary>
    public static string ToRegex(string like)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < like.Length; i++)
        {
            var c = like[i];
            switch (c)
            {
                case '%':
                    regex.Append(".*");
                    break;
                case '_':
                    regex.Append('.');
                    break;
                case '\\' when i + 1 < like.Length:
                    regex.Append(Regex.Escape(like[++i].ToString()));
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return regex.Append('$').ToString();
    }
}
