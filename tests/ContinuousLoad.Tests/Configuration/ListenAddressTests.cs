using ContinuousLoad.Functions.Configuration;

namespace ContinuousLoad.Tests.Configuration;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:7071", "127.0.0.1", 7071, true)]
    [InlineData("http://127.1.2.3:80", "127.1.2.3", 80, true)]
    [InlineData("http://localhost:7071/", "localhost", 7071, true)]
    [InlineData("http://[::1]:7071", "[::1]", 7071, true)]
    [InlineData("HTTP://127.0.0.1:0", "127.0.0.1", 0, true)]
    [InlineData("http://0.0.0.0:7071", "0.0.0.0", 7071, false)]
    [InlineData("http://*:7071", "*", 7071, false)]
    [InlineData("http://+:7071", "+", 7071, false)]
    [InlineData("http://[::]:7071", "[::]", 7071, false)]
    [InlineData("https://10.0.0.4:443", "10.0.0.4", 443, false)]
    [InlineData("http://myhost.example:7071", "myhost.example", 7071, false)]
    public void Parses_host_port_and_loopback(string url, string host, int port, bool loopback)
    {
        var address = ListenAddress.Parse(url, "key");

        Assert.Equal((host, port, loopback), (address.Host, address.Port, address.IsLoopback));
    }

    [Theory]
    [InlineData(null, "must start with http://")]
    [InlineData("127.0.0.1:7071", "must start with http://")]
    [InlineData("ftp://127.0.0.1:21", "must start with http://")]
    [InlineData("http://127.0.0.1", "must name a port")]
    [InlineData("http://[::1]", "must name a port")]
    [InlineData("http://127.0.0.1:70x1", "port must be a number")]
    [InlineData("http://127.0.0.1:70710", "port must be a number")]
    [InlineData("http://:7071", "host is missing")]
    [InlineData("http://127.0.0.1:7071/api", "a path is not allowed")]
    public void Rejects_invalid_addresses_naming_the_key(string? url, string reason)
    {
        var e = Assert.Throws<StartupConfigurationException>(() => ListenAddress.Parse(url, "ContinuousLoad:ListenUrl"));

        Assert.Contains("ContinuousLoad:ListenUrl", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }
}
