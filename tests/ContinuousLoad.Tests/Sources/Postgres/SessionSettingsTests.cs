using ContinuousLoad.Sources.Postgres;
using Npgsql;

namespace ContinuousLoad.Tests.Sources.Postgres;

public sealed class SessionSettingsTests
{
    [Fact]
    public void Every_connection_gets_the_output_settings_and_keeps_the_users_own_options_and_name()
    {
        var applied = new NpgsqlConnectionStringBuilder(SessionSettings.Apply("Host=db;Username=u;Options=-c work_mem=64MB;Application Name=mine", "continuousload-source"));

        Assert.StartsWith("-c work_mem=64MB -c DateStyle=ISO,YMD", applied.Options, StringComparison.Ordinal);
        Assert.Contains("-c TimeZone=UTC", applied.Options, StringComparison.Ordinal);
        Assert.Equal("mine", applied.ApplicationName);
        Assert.Equal(new NpgsqlConnectionStringBuilder().ReadBufferSize, applied.ReadBufferSize);
    }

    [Fact]
    public void The_replication_connection_reads_through_a_larger_buffer_unless_the_user_names_one()
    {
        var replication = new NpgsqlConnectionStringBuilder(SessionSettings.ApplyToReplication("Host=db;Username=u"));
        var named = new NpgsqlConnectionStringBuilder(SessionSettings.ApplyToReplication("Host=db;Username=u;read buffer size=16384"));
        var namedDefault = new NpgsqlConnectionStringBuilder(SessionSettings.ApplyToReplication("Host=db;Username=u;ReadBufferSize=8192"));

        Assert.Equal(256 * 1024, replication.ReadBufferSize);
        Assert.Equal("continuousload-replication", replication.ApplicationName);
        Assert.Contains("-c DateStyle=ISO,YMD", replication.Options, StringComparison.Ordinal);
        Assert.Equal(16384, named.ReadBufferSize);
        Assert.Equal(8192, namedDefault.ReadBufferSize);
    }
}
