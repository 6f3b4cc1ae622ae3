using ContinuousLoad.Durable.Hosting;
using ContinuousLoad.Functions.Configuration;
using ContinuousLoad.Testing;
using Microsoft.Extensions.Configuration;

namespace ContinuousLoad.Tests.Configuration;

public sealed class ConfigurationLayeringTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private ConfigurationManager Layers(params string[] args)
    {
        var configuration = new ConfigurationManager();
        configuration.UseFunctionsLayers(_root.Path, args);
        return configuration;
    }

    [Fact]
    public void Defaults_serve_a_laptop()
    {
        var settings = ContinuousLoadSettings.Read(Layers(), _root.Path);

        Assert.Equal(_root.Combine(".data"), settings.DataDirectory);
        Assert.Equal("http://127.0.0.1:7071", settings.ListenAddress.Url);
        Assert.True(settings.ListenAddress.IsLoopback);
        Assert.Equal(new Dictionary<string, string> { ["root"] = "" }, settings.Users);
        Assert.Equal(StoreKind.Sqlite, settings.Tables.Kind);
        Assert.Equal(new DurableSettings(DurableBackend.Sqlite, null, "continuousload"), settings.Durable);
    }

    [Fact]
    public void Each_layer_overrides_the_one_below()
    {
        // Each key is set by every layer up to the one that must win.
        _root.Write("host.json", """
            { // comments are allowed, as in a Functions host.json
              "version": "2.0",
              "continuousLoad": { "dataDirectory": "from-host", "listenUrl": "http://127.0.0.1:1001",
                                  "tables": { "store": "sqlite" } }
            }
            """);
        _root.Write("local.settings.json", """
            { "IsEncrypted": false,
              "Values": { "ContinuousLoad__ListenUrl": "http://127.0.0.1:1002",
                          "ContinuousLoad:Users:fromvalues": "pw1",
                          "ContinuousLoad__Tables__Store": "postgres",
                          "ContinuousLoad__Tables__ConnectionString": "Host=127.0.0.1" } }
            """);
        var environmentUser = "envuser" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable($"ContinuousLoad__Users__{environmentUser}", "pw2");
        try
        {
            var settings = ContinuousLoadSettings.Read(
                Layers("--ContinuousLoad:Durable:Backend=azurestorage", "--AzureWebJobsStorage=UseDevelopmentStorage=true"),
                _root.Path);

            Assert.Equal(_root.Combine("from-host"), settings.DataDirectory);
            Assert.Equal("http://127.0.0.1:1002", settings.ListenAddress.Url);
            Assert.Equal("pw1", settings.Users["fromvalues"]);
            Assert.Equal("pw2", settings.Users[environmentUser]);
            Assert.Equal(new StoreSettings(StoreKind.Postgres, "Host=127.0.0.1"), settings.Tables);
            Assert.Equal(new DurableSettings(DurableBackend.AzureStorage, "UseDevelopmentStorage=true", "continuousload"), settings.Durable);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"ContinuousLoad__Users__{environmentUser}", null);
        }
    }

    [Fact]
    public void Environment_overrides_local_settings()
    {
        var key = "ContinuousLoad__Users__layered" + Guid.NewGuid().ToString("N");
        _root.Write("host.json", "{}");
        _root.Write("local.settings.json", $$"""{ "Values": { "{{key}}": "from-values" } }""");
        Environment.SetEnvironmentVariable(key, "from-environment");
        try
        {
            Assert.Equal("from-environment", Layers()[key.Replace("__", ":", StringComparison.Ordinal)]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(key, null);
        }
    }

    [Fact]
    public void Command_line_overrides_everything_below() =>
        Assert.Equal("http://127.0.0.1:1003",
            Layers("--ContinuousLoad:ListenUrl=http://127.0.0.1:1003")[ContinuousLoadSettings.ListenUrlKey]);

    [Fact]
    public void Host_json_logging_levels_reach_the_logging_section()
    {
        _root.Write("host.json", """{ "logging": { "logLevel": { "default": "Warning" } } }""");

        Assert.Equal("Warning", Layers()["Logging:LogLevel:Default"]);
    }

    [Fact]
    public void Local_settings_connection_strings_keep_their_section()
    {
        _root.Write("host.json", "{}");
        _root.Write("local.settings.json", """{ "ConnectionStrings": { "tables": "Host=db" } }""");

        Assert.Equal("Host=db", Layers().GetConnectionString("tables"));
    }

    [Theory]
    [InlineData("local.settings.json", "{ \"Values\": { \"a\": ", "local.settings.json is not valid JSON (line 1")]
    [InlineData("local.settings.json", "[1,2]", "must hold a JSON object")]
    [InlineData("local.settings.json", "{ \"Values\": [] }", "\"Values\" must be an object")]
    [InlineData("local.settings.json", "{ \"Values\": { \"a\": { \"b\": 1 } } }", "setting \"a\" in \"Values\" must be a string")]
    [InlineData("host.json", "{ \"continuousLoad\": ", "host.json is not valid JSON")]
    public void Malformed_files_are_refused_with_the_file_named(string file, string contents, string message)
    {
        if (file != "host.json")
        {
            _root.Write("host.json", "{}");
        }

        _root.Write(file, contents);

        var e = Assert.Throws<StartupConfigurationException>(() => Layers());
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_host_json_in_the_working_directory_the_copy_beside_the_app_is_used() =>
        Assert.Equal(AppContext.BaseDirectory, FunctionsConfiguration.ScriptRoot(_root.Path));
}
