using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.MySql;

namespace ContinuousLoad.IntegrationTests.Sources.MySql;

/// <summary>Sessions of our own client on the test MariaDB's accounts.</summary>
public static class MariaDbSessions
{
    public static MySqlConnectionOptions Options(this MariaDbAccount account, string? database = null) =>
        new(account.Host, account.Port, account.User, account.Password) { Database = database, ReadTimeout = TimeSpan.FromSeconds(30) };

    public static Task<MySqlSession> OpenAsync(this MariaDbAccount account, CancellationToken cancellationToken, string? database = null) =>
        MySqlSession.OpenAsync(account.Options(database), cancellationToken);
}
