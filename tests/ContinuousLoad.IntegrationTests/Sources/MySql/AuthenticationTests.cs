using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Sources.MySql;

/// <summary>Logins through MariaDB's other authentication plugin: client_ed25519 after an auth switch.</summary>
public sealed class AuthenticationTests(MariaDbServer mariadb)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Logs_in_through_ed25519_and_refuses_a_wrong_password()
    {
        var user = TestNames.ForCurrentTest("u", maxLength: 32);
        await using var admin = await mariadb.Admin.OpenAsync(Token);
        var installed = await admin.QueryRowsAsync("SELECT COUNT(*) FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'ed25519' AND PLUGIN_STATUS = 'ACTIVE'", Token);
        if ((long)installed.Single()[0]! == 0)
        {
            await admin.ExecuteAsync("INSTALL SONAME 'auth_ed25519'", Token);
        }

        await admin.ExecuteAsync($"DROP USER IF EXISTS '{user}'@'127.0.0.1'", Token);
        await admin.ExecuteAsync($"CREATE USER '{user}'@'127.0.0.1' IDENTIFIED VIA ed25519 USING PASSWORD('s3cret-ü')", Token);
        try
        {
            var options = mariadb.Admin.Options() with { User = user, Password = "s3cret-ü" };
            await using (var session = await MySqlSession.OpenAsync(options, Token))
            {
                var who = await session.QueryRowsAsync("SELECT CURRENT_USER()", Token);
                Assert.Equal($"{user}@127.0.0.1", who.Single()[0]);
            }

            var error = await Assert.ThrowsAsync<MySqlServerException>(() => MySqlSession.OpenAsync(options with { Password = "s3cret-u" }, Token));
            Assert.Equal((1045, "28000"), (error.ErrorCode, error.SqlState));
        }
        finally
        {
            await admin.ExecuteAsync($"DROP USER IF EXISTS '{user}'@'127.0.0.1'", CancellationToken.None);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_native_password_user_logs_in_with_an_empty_password()
    {
        var user = TestNames.ForCurrentTest("u", maxLength: 32);
        await using var admin = await mariadb.Admin.OpenAsync(Token);
        await admin.ExecuteAsync($"DROP USER IF EXISTS '{user}'@'127.0.0.1'", Token);
        await admin.ExecuteAsync($"CREATE USER '{user}'@'127.0.0.1'", Token);
        try
        {
            await using var session = await MySqlSession.OpenAsync(mariadb.Admin.Options() with { User = user, Password = "" }, Token);
            Assert.Equal($"{user}@127.0.0.1", (await session.QueryRowsAsync("SELECT CURRENT_USER()", Token)).Single()[0]);
        }
        finally
        {
            await admin.ExecuteAsync($"DROP USER IF EXISTS '{user}'@'127.0.0.1'", CancellationToken.None);
        }
    }
}
