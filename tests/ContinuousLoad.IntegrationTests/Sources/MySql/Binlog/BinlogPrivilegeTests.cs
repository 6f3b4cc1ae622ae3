using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Binlog;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Sources.MySql.Binlog;

/// <summary>Accounts without the replication privileges get an error naming the grant they miss.</summary>
public sealed class BinlogPrivilegeTests(MariaDbServer mariadb)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 120_000)]
    [InlineData("SELECT, REPLICATION CLIENT", "stream the binary log (REPLICATION SLAVE)")]
    [InlineData("SELECT, REPLICATION SLAVE", "read the binary log list (REPLICATION CLIENT)")]
    public async Task A_missing_replication_privilege_is_named_with_the_grant(string grants, string refusal)
    {
        var user = TestNames.ForCurrentTest("u", maxLength: 32);
        await using var admin = await mariadb.Admin.OpenAsync(Token);
        await admin.ExecuteAsync($"DROP USER IF EXISTS '{user}'@'127.0.0.1'", Token);
        await admin.ExecuteAsync($"CREATE USER '{user}'@'127.0.0.1' IDENTIFIED BY 'pw'", Token);
        try
        {
            await admin.ExecuteAsync($"GRANT {grants} ON *.* TO '{user}'@'127.0.0.1'", Token);
            var start = await BinlogStreams.EndAsync(admin, Token);
            var account = mariadb.Replication with { User = user, Password = "pw" };

            var error = await Assert.ThrowsAsync<MySqlSourceException>(() =>
                BinlogStreams.ReadAsync(BinlogStreams.Options(account, "any") with { NonBlocking = true }, BinlogStart.At(start), start, Token));

            Assert.Contains(refusal, error.Message, StringComparison.Ordinal);
            Assert.Contains("GRANT SELECT, RELOAD, REPLICATION SLAVE, REPLICATION CLIENT", error.Message, StringComparison.Ordinal);
            // 1227 "you need the ... privilege"; MariaDB refuses COM_REGISTER_SLAVE with 1045 "Access denied".
            Assert.Contains(Assert.IsType<MySqlServerException>(error.InnerException).ErrorCode, new[] { 1045, 1227 });
        }
        finally
        {
            await admin.ExecuteAsync($"DROP USER IF EXISTS '{user}'@'127.0.0.1'", CancellationToken.None);
        }
    }
}
