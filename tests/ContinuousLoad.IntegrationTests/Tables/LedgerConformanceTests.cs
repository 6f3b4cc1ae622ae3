using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.IntegrationTests.Tables;

/// <summary>Ledgers of loaded source items: recorded with a commit or not at all, kept past label retention, forgotten on demand.</summary>
public sealed class LedgerConformanceTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Ledger_entries_commit_with_the_data_and_outlive_the_label(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind, postgres, ownCatalog: true);
        await store.Sql("CREATE TABLE t (k INT, v VARCHAR(8)) DUPLICATE KEY(k)");
        var table = await Rows.Table(store, "t");
        await using (var transaction = await store.Store.BeginWriteAsync(store.Database, "one", WriteMode.Direct, Token))
        {
            await transaction.WriteAsync(Rows.Batch(store, table, ["k", "v"], ["1", "a"]), Token);
            await transaction.CommitAsync(new LabelCommit(Ledger: new LedgerEntries("job-1-0", ["in/b.csv", "in/é ü.csv"])), Token);
        }

        await using (var transaction = await store.Store.BeginWriteAsync(store.Database, "rolled_back", WriteMode.Direct, Token))
        {
            await transaction.WriteAsync(Rows.Batch(store, table, ["k", "v"], ["2", "b"]), Token);
        }

        await using (var transaction = await store.Store.BeginWriteAsync(store.Database, "other", WriteMode.Direct, Token))
        {
            await transaction.CommitAsync(new LabelCommit(Ledger: new LedgerEntries("job-2-0", ["in/c.csv"])), Token);
        }

        string[] asked = ["in/a.csv", "in/b.csv", "in/c.csv", "in/é ü.csv"];
        Assert.Equal(["in/b.csv", "in/é ü.csv"], (await store.Store.FindLedgerItemsAsync(store.Database, "job-1-0", asked, Token)).Order(StringComparer.Ordinal));

        // Labels expire; what a ledger remembers does not.
        await store.Store.ExpireLabelsAsync(DateTime.UtcNow.AddDays(30), TimeSpan.FromDays(3), Token);
        Assert.Null(await store.Store.FindLabelAsync(store.Database, "one", Token));
        Assert.Equal(2, (await store.Store.FindLedgerItemsAsync(store.Database, "job-1-0", asked, Token)).Count);

        await store.Store.ForgetLedgerAsync(store.Database, "job-1-0", Token);
        Assert.Empty(await store.Store.FindLedgerItemsAsync(store.Database, "job-1-0", asked, Token));
        Assert.Equal(["in/c.csv"], await store.Store.FindLedgerItemsAsync(store.Database, "job-2-0", asked, Token));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task A_two_phase_pre_commit_cannot_carry_ledger_entries(string kind)
    {
        await using var store = await TestStore.CreateAsync(kind, postgres);
        await using var transaction = await store.Store.BeginWriteAsync(store.Database, "tpc", WriteMode.TwoPhase, Token);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            transaction.CommitAsync(new LabelCommit(Ledger: new LedgerEntries("job-1-0", ["a"])), Token));

        Assert.Contains("one-phase", refused.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_database_file_of_the_first_format_is_upgraded_and_keeps_its_labels()
    {
        using var directory = new ContinuousLoad.Testing.TemporaryDirectory();
        var path = Path.Combine(directory.Path, "tables", "old.sqlite");
        await using (var store = new ContinuousLoad.Tables.Sqlite.SqliteTableStore(directory.Path))
        {
            await store.CreateDatabaseAsync("old", ifNotExists: false, Token);
            await using var transaction = await store.BeginWriteAsync("old", "before", WriteMode.Direct, Token);
            await transaction.CommitAsync(new LabelCommit("""{"fileName":"a.csv"}"""), Token);
        }

        // What format 1 was: the same file without the ledger table.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadWrite;Pooling=False"))
        {
            await connection.OpenAsync(Token);
            await using var downgrade = connection.CreateCommand();
            downgrade.CommandText = "DROP TABLE __cl_ledger; PRAGMA user_version = 1";
            await downgrade.ExecuteNonQueryAsync(Token);
        }

        await using (var store = new ContinuousLoad.Tables.Sqlite.SqliteTableStore(directory.Path))
        {
            Assert.Empty(await store.FindLedgerItemsAsync("old", "job-1-0", ["a.csv"], Token));
            Assert.Equal("""{"fileName":"a.csv"}""", (await store.FindLabelAsync("old", "before", Token))!.Attachment);
        }

        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadWrite;Pooling=False"))
        {
            await connection.OpenAsync(Token);
            await using var version = connection.CreateCommand();
            version.CommandText = "PRAGMA user_version";
            Assert.Equal(2L, await version.ExecuteScalarAsync(Token));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_postgres_store_of_the_first_format_is_upgraded()
    {
        await using var database = await PrivatePostgresDatabase.CreateAsync(postgres, ContinuousLoad.Testing.TestNames.ForCurrentTest("pgfmt", maxLength: 40), Token);
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString;
        await using (var store = await ContinuousLoad.Tables.Postgres.PostgresTableStore.OpenAsync(connectionString, Token))
        {
            await store.CreateDatabaseAsync("old", ifNotExists: false, Token);
        }

        // What format 1 was: the same catalog without the ledger table.
        await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(Token);
            await Execute(connection, "DROP TABLE cl_catalog.ledger; UPDATE cl_catalog.schema_version SET version = 1");
        }

        await using (var store = await ContinuousLoad.Tables.Postgres.PostgresTableStore.OpenAsync(connectionString, Token))
        {
            await using (var transaction = await store.BeginWriteAsync("old", "after", WriteMode.Direct, Token))
            {
                await transaction.CommitAsync(new LabelCommit(Ledger: new LedgerEntries("job-1-0", ["a.csv"])), Token);
            }

            Assert.Equal(["a.csv"], await store.FindLedgerItemsAsync("old", "job-1-0", ["a.csv", "b.csv"], Token));
        }
    }

    private static async Task Execute(Npgsql.NpgsqlConnection connection, string sql)
    {
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Token);
    }
}
