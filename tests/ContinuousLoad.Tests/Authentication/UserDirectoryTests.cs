using ContinuousLoad.Functions.Authentication;
using ContinuousLoad.Testing;

namespace ContinuousLoad.Tests.Authentication;

public sealed class UserDirectoryTests
{
    private readonly UserDirectory _users = new(new Dictionary<string, string> { ["root"] = "", ["etl"] = "s3cret" });

    [Theory]
    [InlineData("root:", "root")]
    [InlineData("etl:s3cret", "etl")]
    [InlineData("etl@default_cluster:s3cret", "etl")]
    public void Accepts_configured_users(string raw, string user) =>
        Assert.Equal(user, _users.Authenticate(BasicAuthorization.Header(raw), out _));

    [Theory]
    [InlineData("etl:wrong", "Access denied for user 'etl' (using password: YES)")]
    [InlineData("etl:", "Access denied for user 'etl' (using password: NO)")]
    [InlineData("root:x", "Access denied for user 'root' (using password: YES)")]
    [InlineData("nobody:", "Access denied for user 'nobody' (using password: NO)")]
    [InlineData("ETL:s3cret", "Access denied for user 'ETL' (using password: YES)")]
    public void Refuses_wrong_passwords_and_unknown_users(string raw, string reason)
    {
        Assert.Null(_users.Authenticate(BasicAuthorization.Header(raw), out var why));
        Assert.Equal(reason, why);
    }

    [Fact]
    public void Refuses_a_missing_header() =>
        Assert.Null(_users.Authenticate(null, out _));
}
