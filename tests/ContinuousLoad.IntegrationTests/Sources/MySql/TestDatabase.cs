using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Sources.MySql;

/// <summary>A database named after the running test, dropped before use and again at the end.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly MySqlSession _admin;

    private TestDatabase(MySqlSession admin, string name)
    {
        _admin = admin;
        Name = name;
    }

    public string Name { get; }

    /// <summary>An admin session (cltest) with the test database as its default.</summary>
    public MySqlSession Admin => _admin;

    public static async Task<TestDatabase> CreateAsync(MariaDbServer mariadb, CancellationToken cancellationToken)
    {
        var name = TestNames.ForCurrentTest("my", maxLength: 60);
        var admin = await mariadb.Admin.OpenAsync(cancellationToken);
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS `{name}`", cancellationToken);
        await admin.ExecuteAsync($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4", cancellationToken);
        await admin.ExecuteAsync($"USE `{name}`", cancellationToken);
        return new TestDatabase(admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        await using var cleaner = await MySqlSession.OpenAsync(_admin.Options with { Database = null }, CancellationToken.None);
        await cleaner.ExecuteAsync($"DROP DATABASE IF EXISTS `{Name}`", CancellationToken.None);
        await _admin.DisposeAsync();
    }
}
