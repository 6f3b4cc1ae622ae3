using System.Globalization;

namespace ContinuousLoad.IntegrationTests.Servers;

public sealed class MariaDbSmokeTests(MariaDbServer mariadb)
{
    [Fact(Timeout = 60_000)]
    public void Greets_with_protocol_10_as_MariaDB() =>
        Assert.Contains("MariaDB", mariadb.ServerVersion, StringComparison.Ordinal);

    [Fact(Timeout = 60_000)]
    public async Task Reports_a_binlog_position_in_row_format()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var settings = await mariadb.Replication.QueryAsync(
            "SELECT @@log_bin, @@binlog_format, @@binlog_row_image", cancellationToken);
        Assert.Equal(["1", "ROW", "FULL"], settings.Single());

        var status = (await mariadb.Replication.QueryAsync("SHOW MASTER STATUS", cancellationToken)).Single();

        Assert.Matches(@"^mysql-bin\.\d{6}$", status[0]);
        Assert.True(long.Parse(status[1], CultureInfo.InvariantCulture) > 0, $"position {status[1]}");
    }
}
