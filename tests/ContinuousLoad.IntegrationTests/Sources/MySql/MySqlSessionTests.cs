using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.MySql;

namespace ContinuousLoad.IntegrationTests.Sources.MySql;

/// <summary>Our MySQL protocol client against the real MariaDB: login, errors, queries.</summary>
public sealed class MySqlSessionTests(MariaDbServer mariadb)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Logs_in_with_native_password_and_reports_the_server()
    {
        await using var session = await mariadb.Admin.OpenAsync(Token);

        var rows = await session.QueryRowsAsync("SELECT 1 + 1, CURRENT_USER(), @@time_zone", Token);

        Assert.Equal([2L, "cltest@127.0.0.1", "+00:00"], rows.Single());
        Assert.Equal(MySqlServerFlavor.MariaDb, session.Flavor);
        Assert.Equal(10, session.Version.Major);
        Assert.Equal(mariadb.ServerVersion, session.ServerVersion);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_wrong_password_is_server_error_1045_with_state_28000()
    {
        var options = mariadb.Admin.Options() with { Password = "not-the-password" };

        var error = await Assert.ThrowsAsync<MySqlServerException>(() => MySqlSession.OpenAsync(options, Token));

        Assert.Equal((1045, "28000"), (error.ErrorCode, error.SqlState));
        Assert.Contains("1045 (28000)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Access denied", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_failing_statement_reports_its_error_and_the_session_stays_usable()
    {
        await using var session = await mariadb.Admin.OpenAsync(Token);

        var error = await Assert.ThrowsAsync<MySqlServerException>(() => session.ExecuteAsync("SELECT * FROM mysql.no_such_table", Token));
        var after = await session.QueryRowsAsync("SELECT 'still here'", Token);

        Assert.Equal((1146, "42S02"), (error.ErrorCode, error.SqlState));
        Assert.Equal("still here", after.Single()[0]);
    }

    [Fact(Timeout = 60_000)]
    public async Task Execute_reports_affected_rows()
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        await database.Admin.ExecuteAsync("CREATE TABLE t (id INT PRIMARY KEY)", Token);

        var inserted = await database.Admin.ExecuteAsync("INSERT INTO t VALUES (1), (2), (3)", Token);

        Assert.Equal(3UL, inserted.AffectedRows);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_large_result_streams_row_by_row()
    {
        await using var session = await mariadb.Admin.OpenAsync(Token);
        await using var result = await session.QueryAsync("SELECT seq, REPEAT('x', 100) FROM mysql.seq_1_to_1000000", Token);

        ulong sum = 0;
        while (await result.ReadAsync(Token))
        {
            sum += (ulong)result.GetValue(0)!; // seq is BIGINT UNSIGNED
        }

        Assert.Equal(1_000_000UL * 1_000_001 / 2, sum);
        Assert.Equal(1_000_000, result.RowCount);
    }

    [Fact(Timeout = 120_000)]
    public async Task Rows_arrive_before_the_server_finishes_the_statement()
    {
        await using var session = await mariadb.Admin.OpenAsync(Token);
        // The statement fails at row 900,000 (a subquery returning two rows): a buffering client would
        // report the error before any row; a streaming one has handed out the rows sent before it.
        await using var result = await session.QueryAsync(
            "SELECT seq, IF(seq = 900000, (SELECT 1 UNION SELECT 2), seq) FROM mysql.seq_1_to_1000000", Token);

        var seen = 0UL;
        var error = await Assert.ThrowsAsync<MySqlServerException>(async () =>
        {
            while (await result.ReadAsync(Token))
            {
                seen = (ulong)result.GetValue(0)!;
            }
        });

        Assert.Equal(1242, error.ErrorCode);
        Assert.Equal(899_999UL, seen);
        Assert.Equal("ok", (await session.QueryRowsAsync("SELECT 'ok'", Token)).Single()[0]);
    }

    [Fact(Timeout = 60_000)]
    public async Task Ping_answers()
    {
        await using var session = await mariadb.Admin.OpenAsync(Token);

        await session.PingAsync(Token);
    }
}
