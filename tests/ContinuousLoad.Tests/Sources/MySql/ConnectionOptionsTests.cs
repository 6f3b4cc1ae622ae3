using ContinuousLoad.Sources.MySql;

namespace ContinuousLoad.Tests.Sources.MySql;

public sealed class ConnectionOptionsTests
{
    [Fact]
    public void A_connection_string_gives_every_option_and_hides_the_password()
    {
        var options = MySqlConnectionOptions.Parse(
            "Server=db.local;Port=3307;User ID=app;Password=hunter2;Database=shop;SslMode=Required;AllowPublicKeyRetrieval=true;Connect Timeout=3;Read Timeout=7");

        Assert.Equal(("db.local", 3307, "app", "hunter2", "shop"), (options.Host, options.Port, options.User, options.Password, options.Database));
        Assert.Equal((MySqlTlsMode.Required, true, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(7)),
            (options.TlsMode, options.AllowPublicKeyRetrieval, options.ConnectTimeout, options.ReadTimeout));
        Assert.DoesNotContain("hunter2", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_and_missing_keys()
    {
        var options = MySqlConnectionOptions.Parse("Server=h;User ID=u");

        Assert.Equal((3306, "", MySqlTlsMode.Preferred, false), (options.Port, options.Password, options.TlsMode, options.AllowPublicKeyRetrieval));
        Assert.Throws<ArgumentException>(() => MySqlConnectionOptions.Parse("User ID=u"));
        Assert.Throws<ArgumentException>(() => MySqlConnectionOptions.Parse("Server=h;User ID=u;SslMode=maybe"));
    }

    [Fact]
    public void Keys_ignore_case_and_spaces_and_quoted_values_keep_separators_and_doubled_quotes()
    {
        var options = MySqlConnectionOptions.Parse(" server = h ; USER id=u;Password='a;b=''c''';Database=\"x\"\"y\" ;;Port=1;port=2;");

        Assert.Equal(("h", "u", "a;b='c'", "x\"y", 2), (options.Host, options.User, options.Password, options.Database, options.Port));
    }

    [Fact]
    public void Malformed_connection_strings_are_refused_without_repeating_a_stray_secret()
    {
        var bare = Assert.Throws<ArgumentException>(() => MySqlConnectionOptions.Parse("Server=h;User ID=u;hunter2"));
        var unclosed = Assert.Throws<ArgumentException>(() => MySqlConnectionOptions.Parse("Server=h;User ID=u;Password='abc"));
        var trailing = Assert.Throws<ArgumentException>(() => MySqlConnectionOptions.Parse("Server=h;User ID=u;Password='abc' x"));

        Assert.DoesNotContain("hunter2", bare.Message, StringComparison.Ordinal);
        Assert.Contains("not a key=value pair", bare.Message, StringComparison.Ordinal);
        Assert.Contains("never closed", unclosed.Message, StringComparison.Ordinal);
        Assert.Contains("after its closing quote", trailing.Message, StringComparison.Ordinal);
    }
}
