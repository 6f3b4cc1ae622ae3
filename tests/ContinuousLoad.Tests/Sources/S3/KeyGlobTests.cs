using ContinuousLoad.Sources.S3;

namespace ContinuousLoad.Tests.Sources.S3;

public sealed class KeyGlobTests
{
    [Theory]
    [InlineData("data/file.csv", "data/file.csv", true)]
    [InlineData("data/file.csv", "data/file.csv.gz", false)]
    [InlineData("data/*.csv", "data/a.csv", true)]
    [InlineData("data/*.csv", "data/.csv", true)]
    [InlineData("data/*.csv", "data/sub/a.csv", false)]
    [InlineData("data/**.csv", "data/sub/a.csv", true)]
    [InlineData("data/**/*.csv", "data/x/y/a.csv", true)]
    [InlineData("data/file?.csv", "data/file1.csv", true)]
    [InlineData("data/file?.csv", "data/file10.csv", false)]
    [InlineData("data/file?.csv", "data/file/.csv", false)]
    [InlineData("data/[ab]*.csv", "data/b1.csv", true)]
    [InlineData("data/[ab]*.csv", "data/c1.csv", false)]
    [InlineData("data/[a-c]x", "data/bx", true)]
    [InlineData("data/[!a-c]x", "data/dx", true)]
    [InlineData("data/[!a-c]x", "data/ax", false)]
    [InlineData("data/[!a-c]x", "data//x", false)]
    [InlineData("data/{a,b}/f.csv", "data/b/f.csv", true)]
    [InlineData("data/{a,b}/f.csv", "data/c/f.csv", false)]
    [InlineData("data/{a,b*}.json", "data/bee.json", true)]
    [InlineData("data/part-{1..3}.csv", "data/part-2.csv", true)]
    [InlineData("data/part-{1..3}.csv", "data/part-4.csv", false)]
    [InlineData("data/part-{3..1}.csv", "data/part-1.csv", true)]
    [InlineData("data/part-{01..10}.csv", "data/part-07.csv", true)]
    [InlineData("data/part-{01..10}.csv", "data/part-7.csv", false)]
    [InlineData("data/a\\*b", "data/a*b", true)]
    [InlineData("data/a\\*b", "data/axb", false)]
    [InlineData("data/a+b(1).csv", "data/a+b(1).csv", true)]
    [InlineData("数据/*.csv", "数据/ü.csv", true)]
    public void Keys_match_like_Doris_globs(string pattern, string key, bool matches) =>
        Assert.Equal(matches, KeyGlob.Parse(pattern).IsMatch(key));

    [Theory]
    [InlineData("data/2024/file.csv", "data/2024/file.csv", false)]
    [InlineData("data/2024/*.csv", "data/2024/", true)]
    [InlineData("data/part-{1..3}.csv", "data/part-", true)]
    [InlineData("data/{a,b}/x", "data/", true)]
    [InlineData("logs/app[12].log", "logs/app", true)]
    [InlineData("a\\?b/*", "a?b/", true)]
    [InlineData("*", "", true)]
    public void Listing_starts_under_the_text_before_the_first_wildcard(string pattern, string prefix, bool wildcards)
    {
        var glob = KeyGlob.Parse(pattern);

        Assert.Equal((prefix, wildcards), (glob.Prefix, glob.HasWildcards));
    }

    [Theory]
    [InlineData("data/[abc", "a '[' is not closed")]
    [InlineData("data/{a,b", "a '{' is not closed")]
    [InlineData("data/{a,{b,c}}", "cannot be nested")]
    [InlineData("data/x\\", "ends with an escape character")]
    [InlineData("data/{1..20000}", "more than 10000 numbers")]
    [InlineData("data/{1..6000}/{1..6000}", "more than 10000 numbers together")]
    [InlineData("data/{1..99999999999999999999}", "has an end beyond")]
    public void Malformed_patterns_are_refused_with_the_reason(string pattern, string reason)
    {
        var error = Assert.Throws<FormatException>(() => KeyGlob.Parse(pattern));

        Assert.Contains(reason, error.Message);
        Assert.Contains(pattern, error.Message);
    }

    [Fact]
    public void Patterns_that_would_backtrack_match_in_linear_time()
    {
        // A backtracking engine tries every split of the key between the stars: 2^30 of them here.
        var glob = KeyGlob.Parse("data/" + string.Concat(Enumerable.Repeat("**a", 30)) + "b");
        var key = "data/" + new string('a', 5_000);

        Assert.False(glob.IsMatch(key));
        Assert.True(glob.IsMatch(key + "b"));
    }
}
