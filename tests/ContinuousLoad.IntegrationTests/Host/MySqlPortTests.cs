using System.Diagnostics;
using System.Net;
using ContinuousLoad.IntegrationTests.Servers;
using MySqlConnector;

namespace ContinuousLoad.IntegrationTests.Host;

/// <summary>
/// The MySQL protocol port, driven as Doris users drive Doris's: with the real <c>mariadb</c> command-line client (batch,
/// table and <c>\G</c> output, both authentication plugins and a plugin the port switches away from) and with
/// MySqlConnector, as applications and BI tools connect: DDL, INSERT, SELECT of every type, the session kept between
/// statements, the views of jobs, TLS, and refusals as MySQL error packets.
/// </summary>
public sealed class MySqlPortTests : IAsyncLifetime
{
    private const string Password = "s3cret";
    private KestrelHost _host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private IPEndPoint Port => _host.MySqlEndpoint;

    public async ValueTask InitializeAsync() =>
        _host = await KestrelHost.StartAsync(new Dictionary<string, string?> { ["ContinuousLoad:Users:etl"] = Password });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_mariadb_client_creates_loads_and_reads_a_table_in_batch_table_and_vertical_output()
    {
        var batch = await MariaDbAsync(["-u", "root", "--batch"],
            "CREATE DATABASE shop; USE shop; " +
            "CREATE TABLE t (k INT, s VARCHAR(10), x DECIMAL(10, 2), d DATETIME(3), b BOOLEAN, j JSON) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1; " +
            "INSERT INTO t VALUES (1, 'a', 1.5, '2024-01-01 10:00:00.123', true, '{\"a\":1}'), (2, NULL, NULL, NULL, NULL, NULL); " +
            "SELECT * FROM t ORDER BY k; SELECT DATABASE(), @@version_comment");
        Assert.Equal(
            "k\ts\tx\td\tb\tj\n1\ta\t1.50\t2024-01-01 10:00:00.123\t1\t{\"a\":1}\n2\tNULL\tNULL\tNULL\tNULL\tNULL\n" +
            "DATABASE()\t@@version_comment\nshop\tContinuousLoad (Apache Doris compatible)\n", batch);

        var table = await MariaDbAsync(["-u", "root", "-D", "shop", "--table"], "SELECT k, s FROM t ORDER BY k");
        Assert.Contains("|    1 | a    |", table, StringComparison.Ordinal);
        Assert.Contains("|    2 | NULL |", table, StringComparison.Ordinal);

        var vertical = await MariaDbAsync(["-u", "root", "-D", "shop"], "SELECT k, x FROM t WHERE k = 1\\G");
        Assert.Equal("*************************** 1. row ***************************\nk: 1\nx: 1.50\n", vertical);
    }

    [Theory]
    [InlineData("mysql_native_password")]
    [InlineData("caching_sha2_password")]
    [InlineData("client_ed25519")] // not served: the port switches the client to mysql_native_password
    public async Task The_mariadb_client_signs_in_with_each_plugin_and_a_wrong_password_is_refused(string plugin)
    {
        Assert.Equal("etl\n", await MariaDbAsync(["-u", "etl", $"-p{Password}", $"--default-auth={plugin}", "--skip-column-names"], "SELECT 'etl'"));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            MariaDbAsync(["-u", "etl", "-pwrong", $"--default-auth={plugin}"], "SELECT 1"));
        Assert.Contains("ERROR 1045 (28000): Access denied for user 'etl'@'127.0.0.1' (using password: YES)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MySqlConnector_reads_every_type_keeps_the_session_and_reports_refusals_with_their_codes()
    {
        await using var connection = await OpenAsync("etl", Password);
        await ExecuteAsync(connection, "CREATE DATABASE app");
        await connection.ChangeDatabaseAsync("app", Token);
        await ExecuteAsync(connection,
            "CREATE TABLE every (id BIGINT, ti TINYINT, si SMALLINT, i INT, li LARGEINT, f FLOAT, dbl DOUBLE, dec DECIMAL(38, 10), d DATE, " +
            "dt DATETIME(6), c CHAR(3), v VARCHAR(20), s STRING, j JSON, a ARRAY<INT>, b BOOLEAN) DUPLICATE KEY(id)");
        Assert.Equal(1, await ExecuteAsync(connection,
            "INSERT INTO every VALUES (1, -8, 300, 70000, 170141183460469231731687303715884105727, 1.5, 2.25, 1234567890123456789012345678.0123456789, " +
            "'2024-02-29', '2024-02-29 23:59:59.999999', 'abc', 'vé', 'long text', '{\"k\": [1, 2]}', '[1, 2, 3]', false)"));

        await using (var command = new MySqlCommand("SELECT * FROM every", connection))
        await using (var reader = await command.ExecuteReaderAsync(Token))
        {
            Assert.True(await reader.ReadAsync(Token));
            Assert.Equal(1L, reader.GetInt64(0));
            Assert.Equal((sbyte)-8, reader.GetSByte(1));
            Assert.Equal((short)300, reader.GetInt16(2));
            Assert.Equal(70000, reader.GetInt32(3));
            Assert.Equal("170141183460469231731687303715884105727", reader.GetString(4));
            Assert.Equal(1.5f, reader.GetFloat(5));
            Assert.Equal(2.25, reader.GetDouble(6));
            Assert.Equal("1234567890123456789012345678.0123456789", reader.GetMySqlDecimal(7).ToString());
            Assert.Equal(new DateTime(2024, 2, 29), reader.GetDateTime(8));
            Assert.Equal(new DateTime(2024, 2, 29, 23, 59, 59).AddTicks(9_999_990), reader.GetDateTime(9));
            Assert.Equal("abc", reader.GetString(10));
            Assert.Equal("vé", reader.GetString(11));
            Assert.Equal("long text", reader.GetString(12));
            Assert.Equal("{\"k\":[1,2]}", reader.GetString(13));
            Assert.Equal("[1, 2, 3]", reader.GetString(14));
            Assert.False(reader.GetBoolean(15));
            Assert.False(await reader.ReadAsync(Token));
        }

        // The session outlives a statement: its variables and database stay until changed.
        await ExecuteAsync(connection, "SET query_timeout = 7");
        await ExecuteAsync(connection, "SET NAMES utf8mb4");
        Assert.Equal(7L, await ScalarAsync(connection, "SELECT @@query_timeout"));
        Assert.Equal("app", await ScalarAsync(connection, "SELECT DATABASE()"));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM jobs(\"type\" = \"insert\")"));
        Assert.Equal(0L, await ScalarAsync(connection, "select count(*) from job(type=insert) where ExecuteType = \"STREAMING\""));

        var unknown = await Assert.ThrowsAsync<MySqlException>(() => ScalarAsync(connection, "SELECT * FROM nope"));
        Assert.Equal(1105, unknown.Number);
        Assert.Equal("HY000", unknown.SqlState);
        Assert.Equal("errCode = 2, detailMessage = Table [nope] does not exist in database [app].", unknown.Message);
        var syntax = await Assert.ThrowsAsync<MySqlException>(() => ScalarAsync(connection, "SELEC 1"));
        Assert.StartsWith("errCode = 2, detailMessage = ", syntax.Message, StringComparison.Ordinal);
        var database = await Assert.ThrowsAsync<MySqlException>(() => connection.ChangeDatabaseAsync("missing", Token));
        Assert.Equal(1049, database.Number);
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM every"));
    }

    [Fact]
    public async Task MySqlConnector_prepares_statements_binds_every_kind_of_parameter_and_reads_binary_rows()
    {
        var builder = Builder(Port, "etl", Password);
        builder.IgnorePrepare = false;
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync(Token);
        await ExecuteAsync(connection, "CREATE DATABASE prep");
        await ExecuteAsync(connection, "CREATE TABLE prep.t (id BIGINT, name STRING, price DECIMAL(12, 3), at DATETIME(6), ok BOOLEAN, score DOUBLE) UNIQUE KEY(id)");

        await using (var insert = new MySqlCommand("INSERT INTO prep.t VALUES (@id, @name, @price, @at, @ok, @score)", connection))
        {
            insert.Parameters.AddWithValue("@id", 0L);
            insert.Parameters.AddWithValue("@name", "");
            insert.Parameters.AddWithValue("@price", 0m);
            insert.Parameters.AddWithValue("@at", DateTime.MinValue);
            insert.Parameters.AddWithValue("@ok", false);
            insert.Parameters.AddWithValue("@score", 0.0);
            await insert.PrepareAsync(Token);
            foreach (var (id, name, price, at, ok, score) in new (long, object, object, object, bool, double)[]
                     {
                         (1, "it's a \\ test; DROP TABLE t --", 12.345m, new DateTime(2024, 5, 6, 7, 8, 9).AddTicks(1_234_560), true, -0.5),
                         (2, DBNull.Value, DBNull.Value, DBNull.Value, false, 1e300),
                     })
            {
                insert.Parameters["@id"].Value = id;
                insert.Parameters["@name"].Value = name;
                insert.Parameters["@price"].Value = price;
                insert.Parameters["@at"].Value = at;
                insert.Parameters["@ok"].Value = ok;
                insert.Parameters["@score"].Value = score;
                Assert.Equal(1, await insert.ExecuteNonQueryAsync(Token));
            }
        }

        await using var select = new MySqlCommand("SELECT id, name, price, at, ok, score FROM prep.t WHERE id >= @from ORDER BY id", connection);
        select.Parameters.AddWithValue("@from", 1);
        await select.PrepareAsync(Token);
        Assert.True(select.IsPrepared);
        await using var reader = await select.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token));
        Assert.Equal(1L, reader.GetInt64(0));
        Assert.Equal("it's a \\ test; DROP TABLE t --", reader.GetString(1));
        Assert.Equal(12.345m, reader.GetDecimal(2));
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9).AddTicks(1_234_560), reader.GetDateTime(3));
        Assert.True(reader.GetBoolean(4));
        Assert.Equal(-0.5, reader.GetDouble(5));
        Assert.True(await reader.ReadAsync(Token));
        Assert.True(reader.IsDBNull(1));
        Assert.True(reader.IsDBNull(2));
        Assert.True(reader.IsDBNull(3));
        Assert.False(reader.GetBoolean(4));
        Assert.Equal(1e300, reader.GetDouble(5));
        Assert.False(await reader.ReadAsync(Token));
    }

    [Fact]
    public async Task A_connection_with_a_wrong_password_or_unknown_first_database_is_refused_with_mysql_codes()
    {
        var password = await Assert.ThrowsAsync<MySqlException>(async () => await OpenAsync("etl", "wrong"));
        Assert.Equal(1045, password.Number);
        var user = await Assert.ThrowsAsync<MySqlException>(async () => await OpenAsync("nobody", Password));
        Assert.Equal(1045, user.Number);
        var database = await Assert.ThrowsAsync<MySqlException>(async () => await OpenAsync("etl", Password, "missing"));
        Assert.Equal(1049, database.Number);
    }

    [Fact]
    public async Task A_client_that_asks_for_tls_gets_it_when_a_certificate_is_configured()
    {
        using var certificate = await SelfSignedCertificate.CreateAsync(Token);
        await using var host = await KestrelHost.StartAsync(new Dictionary<string, string?>
        {
            ["ContinuousLoad:Users:etl"] = Password,
            ["ContinuousLoad:MySqlPort:CertificatePath"] = certificate.CertificateFile,
            ["ContinuousLoad:MySqlPort:CertificateKeyPath"] = certificate.KeyFile,
        });
        var builder = Builder(host.MySqlEndpoint, "etl", Password);
        builder.SslMode = MySqlSslMode.Required;
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync(Token);
        Assert.Equal(1L, Convert.ToInt64(await ScalarAsync(connection, "SELECT 1"), System.Globalization.CultureInfo.InvariantCulture));

        // Without a certificate the port does not offer TLS, and a client that requires it says so.
        builder = Builder(Port, "etl", Password);
        builder.SslMode = MySqlSslMode.Required;
        await using var plain = new MySqlConnection(builder.ConnectionString);
        await Assert.ThrowsAsync<MySqlException>(() => plain.OpenAsync(Token));
    }

    private async Task<MySqlConnection> OpenAsync(string user, string password, string? database = null)
    {
        var builder = Builder(Port, user, password);
        if (database is not null)
        {
            builder.Database = database;
        }

        var connection = new MySqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(Token);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static MySqlConnectionStringBuilder Builder(IPEndPoint port, string user, string password) => new()
    {
        Server = port.Address.ToString(),
        Port = (uint)port.Port,
        UserID = user,
        Password = password,
        SslMode = MySqlSslMode.None,
        Pooling = false,
    };

    private static async Task<int> ExecuteAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(Token);
    }

    private static async Task<object?> ScalarAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Token);
    }

    /// <summary>Runs the <c>mariadb</c> client against the port with <paramref name="sql"/> on its standard input; its output, or its error.</summary>
    private async Task<string> MariaDbAsync(IEnumerable<string> arguments, string sql)
    {
        var start = new ProcessStartInfo("mariadb")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--no-defaults", "--protocol=TCP", "-h", Port.Address.ToString(), "-P", Port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                     .Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("mariadb did not start");
        await process.StandardInput.WriteLineAsync(sql);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(Token);
        var errors = await process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"mariadb exited with {process.ExitCode}: {errors}");
    }
}
