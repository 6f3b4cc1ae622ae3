using ContinuousLoad.Durable.Hosting;
using ContinuousLoad.Functions.Configuration;
using Microsoft.Extensions.Configuration;

namespace ContinuousLoad.Tests.Configuration;

public sealed class ContinuousLoadSettingsTests
{
    private static ContinuousLoadSettings Read(params (string Key, string? Value)[] overrides)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(ContinuousLoadSettings.Defaults)
            .AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)))
            .Build();
        return ContinuousLoadSettings.Read(configuration, "/srv/app");
    }

    [Fact]
    public void Relative_data_directory_starts_at_the_content_root() =>
        Assert.Equal("/srv/app/state/x", Read(("ContinuousLoad:DataDirectory", "state/x")).DataDirectory);

    [Fact]
    public void Absolute_data_directory_is_kept() =>
        Assert.Equal("/var/lib/cl", Read(("ContinuousLoad:DataDirectory", "/var/lib/cl")).DataDirectory);

    [Fact]
    public void The_address_is_the_setting_else_what_asp_net_core_users_give_else_the_functions_port()
    {
        Assert.Equal("http://127.0.0.1:7071", Read().ListenAddress.Url);
        Assert.Equal("http://127.0.0.1:8080", Read(("urls", "http://127.0.0.1:8080")).ListenAddress.Url);
        Assert.Equal("http://localhost:5000", Read(("ASPNETCORE_URLS", "http://localhost:5000")).ListenAddress.Url);
        Assert.Equal("http://127.0.0.1:9000", Read(("urls", "http://127.0.0.1:8080"), ("ContinuousLoad:ListenUrl", "http://127.0.0.1:9000")).ListenAddress.Url);
        Assert.Contains("urls names several addresses (http://127.0.0.1:1;http://127.0.0.1:2); the app serves one",
            Assert.Throws<StartupConfigurationException>(() => Read(("urls", "http://127.0.0.1:1;http://127.0.0.1:2"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_root_password_is_fine_on_loopback() =>
        Read(("ContinuousLoad:ListenUrl", "http://[::1]:7071")).EnsureSafeToServe();

    [Theory]
    [InlineData("http://0.0.0.0:7071")]
    [InlineData("http://*:7071")]
    [InlineData("http://10.1.2.3:7071")]
    public void Empty_root_password_beyond_loopback_refuses_to_start(string url)
    {
        var settings = Read(("ContinuousLoad:ListenUrl", url));

        var e = Assert.Throws<StartupConfigurationException>(settings.EnsureSafeToServe);
        Assert.Contains($"refusing to listen on {url}: user(s) 'root' have an empty password", e.Message, StringComparison.Ordinal);
        Assert.Contains("ContinuousLoad__Users__<user>", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_password_less_user_is_named() =>
        Assert.Contains("'etl', 'root'", Assert.Throws<StartupConfigurationException>(
            Read(("ContinuousLoad:ListenUrl", "http://0.0.0.0:1"), ("ContinuousLoad:Users:etl", "")).EnsureSafeToServe).Message,
            StringComparison.Ordinal);

    [Fact]
    public void With_passwords_any_address_may_be_served() =>
        Read(("ContinuousLoad:ListenUrl", "http://0.0.0.0:7071"), ("ContinuousLoad:Users:root", "s3cret")).EnsureSafeToServe();

    [Theory]
    [InlineData("ContinuousLoad:DataDirectory", " ", "ContinuousLoad:DataDirectory must name a directory")]
    [InlineData("ContinuousLoad:Tables:Store", "mysql", "ContinuousLoad:Tables:Store must be 'sqlite' or 'postgres', not 'mysql'")]
    [InlineData("ContinuousLoad:Durable:Store", "postgres", "The PostgreSQL durable store was retired")]
    [InlineData("ContinuousLoad:Durable:Backend", "postgres", "ContinuousLoad:Durable:Backend must be 'sqlite' or 'azurestorage', not 'postgres'")]
    [InlineData("ContinuousLoad:Durable:Backend", "azurestorage", "ContinuousLoad:Durable:Backend is 'azurestorage' but AzureWebJobsStorage is empty")]
    [InlineData("ContinuousLoad:Durable:TaskHub", "my-hub", "ContinuousLoad:Durable:TaskHub 'my-hub' must be 3 to 45 letters and digits")]
    [InlineData("ContinuousLoad:ListenUrl", "7071", "ContinuousLoad:ListenUrl '7071' is not a valid listen address")]
    [InlineData("ContinuousLoad:Users:root:x", "y", "ContinuousLoad:Users:root must be the user's password")]
    public void Invalid_settings_name_the_key(string key, string value, string message) =>
        Assert.Contains(message, Assert.Throws<StartupConfigurationException>(() => Read((key, value))).Message,
            StringComparison.Ordinal);

    [Fact]
    public void Postgres_store_keeps_its_connection_string_and_sqlite_drops_it()
    {
        var settings = Read(
            ("ContinuousLoad:Tables:Store", "PostgreSQL"), ("ContinuousLoad:Tables:ConnectionString", "Host=db"),
            ("AzureWebJobsStorage", "UseDevelopmentStorage=true"));

        Assert.Equal(new StoreSettings(StoreKind.Postgres, "Host=db"), settings.Tables);
        Assert.Equal(new DurableSettings(DurableBackend.Sqlite, null, "continuousload"), settings.Durable);
    }
}
