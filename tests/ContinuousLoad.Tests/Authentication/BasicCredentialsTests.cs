using ContinuousLoad.Functions.Authentication;
using ContinuousLoad.Testing;

namespace ContinuousLoad.Tests.Authentication;

public sealed class BasicCredentialsTests
{
    [Theory]
    [InlineData("root:", "root", "")]
    [InlineData("etl:s3cret", "etl", "s3cret")]
    [InlineData("etl:pa:ss:word", "etl", "pa:ss:word")]
    [InlineData("root@default_cluster:pw", "root", "pw")]
    [InlineData("ünï:çødé", "ünï", "çødé")]
    public void Parses_user_and_password(string raw, string user, string password)
    {
        var credentials = BasicCredentials.Parse(BasicAuthorization.Header(raw), out var error);

        Assert.Equal(new BasicCredentials(user, password), credentials);
        Assert.Equal("", error);
    }

    [Fact]
    public void Scheme_is_case_insensitive_and_whitespace_tolerated() =>
        Assert.Equal(new BasicCredentials("a", "b"), BasicCredentials.Parse("  basic   YTpi  ", out _));

    [Theory]
    [InlineData(null, "Need auth information.")]
    [InlineData("", "Need auth information.")]
    [InlineData("Bearer abc", "Only Basic authentication is supported")]
    [InlineData("Basic", "Only Basic authentication is supported")]
    [InlineData("Basic !!!notbase64", "not valid base64")]
    [InlineData("Basic /w==", "not valid base64")]
    [InlineData("Basic cm9vdA==", "non-empty user")]
    [InlineData("Basic OnB3", "non-empty user")]
    [InlineData("Basic QGNsdXN0ZXI6cHc=", "non-empty user")]
    public void Rejects_malformed_headers_with_a_reason(string? header, string reason)
    {
        Assert.Null(BasicCredentials.Parse(header, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
