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
}
