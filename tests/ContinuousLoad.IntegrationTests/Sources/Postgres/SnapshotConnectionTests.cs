using System.Security.Authentication;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Snapshot;
using ContinuousLoad.Sources.Postgres.Values;
using Npgsql;

namespace ContinuousLoad.IntegrationTests.Sources.Postgres;

/// <summary>
/// Snapshot chunks travel over the source's own protocol connection: it logs in with SCRAM-SHA-256, MD5
/// and TLS as the connection string asks, enters an exported snapshot, and never hangs — a cancelled or
/// silent read ends with a clear exception.
/// </summary>
public sealed class SnapshotConnectionTests(PostgresServer postgres)
{
    private static readonly PgTypeInfo[] IdAndName = [BuiltinTypes.Find(23)!, BuiltinTypes.Find(25)!];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task Password_and_tls_logins_read_a_chunk_of_the_exported_snapshot()
    {
        using var certificate = await SelfSignedCertificate.CreateAsync(Token);
        await using var server = await PrivatePostgresServer.StartAsync(
            $"-c ssl=on -c ssl_cert_file={certificate.CertificateFile} -c ssl_key_file={certificate.KeyFile}", Token);
        await server.PrependHostBasedAuthenticationAsync(
            """
            host all scram_user 127.0.0.1/32 scram-sha-256
            host all md5_user 127.0.0.1/32 md5
            hostssl all tls_user 127.0.0.1/32 scram-sha-256
            hostnossl all tls_user 127.0.0.1/32 reject
            """,
            Token);
        await using var admin = new NpgsqlConnection(server.ConnectionString);
        await admin.OpenAsync(Token);
        await ExecuteAsync(admin, """
            CREATE TABLE t (id int PRIMARY KEY, name text);
            INSERT INTO t SELECT i, 'row ' || i FROM generate_series(1, 500) i;
            SET password_encryption = 'scram-sha-256';
            CREATE ROLE scram_user LOGIN PASSWORD 'scram secret';
            CREATE ROLE tls_user LOGIN PASSWORD 'tls secret';
            SET password_encryption = 'md5';
            CREATE ROLE md5_user LOGIN PASSWORD 'md5 secret';
            GRANT SELECT ON t TO scram_user, md5_user, tls_user;
            """);
        await ExecuteAsync(admin, "BEGIN ISOLATION LEVEL REPEATABLE READ");
        var snapshotName = (string)(await new NpgsqlCommand("SELECT pg_export_snapshot()", admin).ExecuteScalarAsync(Token))!;
        await using (var other = new NpgsqlConnection(server.ConnectionString))
        {
            await other.OpenAsync(Token);
            await ExecuteAsync(other, "DELETE FROM t WHERE id > 100"); // committed after the export: invisible to the snapshot
        }

        string As(string user, string password, string ssl) =>
            $"Host=127.0.0.1;Port={new NpgsqlConnectionStringBuilder(server.ConnectionString).Port};Username={user};Password={password};Database=postgres;{ssl}";

        Assert.Equal(500, await CountRowsAsync(As("scram_user", "scram secret", "SSL Mode=Disable"), snapshotName));
        Assert.Equal(500, await CountRowsAsync(As("md5_user", "md5 secret", "SSL Mode=Prefer"), snapshotName));
        Assert.Equal(500, await CountRowsAsync(As("tls_user", "tls secret", "SSL Mode=Require"), snapshotName));
        Assert.Equal(500, await CountRowsAsync(As("tls_user", "tls secret", $"SSL Mode=VerifyFull;Root Certificate={certificate.CertificateFile}"), snapshotName));
        var plainRefused = await Assert.ThrowsAsync<PostgresException>(() => CountRowsAsync(As("tls_user", "tls secret", "SSL Mode=Disable"), snapshotName));
        await Assert.ThrowsAsync<AuthenticationException>(() => CountRowsAsync(As("tls_user", "tls secret", "SSL Mode=VerifyFull"), snapshotName));
        var wrongPassword = await Assert.ThrowsAsync<PostgresException>(() => CountRowsAsync(As("scram_user", "not it", "SSL Mode=Disable"), snapshotName));

        Assert.Equal("28000", plainRefused.SqlState);
        Assert.Equal("28P01", wrongPassword.SqlState);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_cancelled_read_ends_with_cancellation_even_while_the_server_is_silent()
    {
        var connectionString = postgres.ConnectionString;
        var (holder, snapshotName) = await ExportSnapshotAsync(connectionString);
        await using var holding = holder;
        using var copier = await ChunkCopier.OpenAsync(connectionString, snapshotName, Token);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            copier.CopyAsync("COPY (SELECT 1::int, 'x'::text FROM pg_sleep(30)) TO STDOUT (FORMAT binary)", IdAndName, _ => ValueTask.CompletedTask, cancel.Token));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_silent_past_the_command_timeout_is_a_timeout()
    {
        var connectionString = postgres.ConnectionString + ";Command Timeout=1";
        var (holder, snapshotName) = await ExportSnapshotAsync(connectionString);
        await using var holding = holder;
        using var copier = await ChunkCopier.OpenAsync(connectionString, snapshotName, Token);

        var silent = await Assert.ThrowsAsync<TimeoutException>(() =>
            copier.CopyAsync("COPY (SELECT 1::int, 'x'::text FROM pg_sleep(10)) TO STDOUT (FORMAT binary)", IdAndName, _ => ValueTask.CompletedTask, Token));

        Assert.Contains("Command Timeout", silent.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_snapshot_that_does_not_exist_is_reported_as_expired()
    {
        var refused = await Assert.ThrowsAsync<PostgresSourceException>(() => ChunkCopier.OpenAsync(postgres.ConnectionString, "00000003-0000001B-1", Token));

        Assert.Equal(PostgresSourceError.SnapshotExpired, refused.Error);
    }

    private static async Task<long> CountRowsAsync(string connectionString, string snapshotName)
    {
        using var copier = await ChunkCopier.OpenAsync(connectionString, snapshotName, Token);
        var names = new HashSet<string>();
        var count = await copier.CopyAsync("COPY (SELECT id, name FROM t ORDER BY id) TO STDOUT (FORMAT binary)", IdAndName, row =>
        {
            names.Add(row.Get<string>(1));
            return ValueTask.CompletedTask;
        }, Token);
        Assert.Equal(count, names.Count);
        return count;
    }

    // A snapshot lives while the transaction that exported it is open: the caller keeps the connection.
    private static async Task<(NpgsqlConnection Holder, string SnapshotName)> ExportSnapshotAsync(string connectionString)
    {
        var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 30 }.ConnectionString);
        await holder.OpenAsync(Token);
        await ExecuteAsync(holder, "BEGIN ISOLATION LEVEL REPEATABLE READ");
        return (holder, (string)(await new NpgsqlCommand("SELECT pg_export_snapshot()", holder).ExecuteScalarAsync(Token))!);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Token);
    }
}
