using ContinuousLoad.Ingest.Loading;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.IntegrationTests.Sources.MySql;
using ContinuousLoad.IntegrationTests.Sources.MySql.Binlog;
using ContinuousLoad.Jobs.Sources.Cdc;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.MySql.Binlog;
using ContinuousLoad.Sources.MySql.Metadata;
using ContinuousLoad.Sources.MySql.Snapshot;

namespace ContinuousLoad.IntegrationTests.Jobs.Cdc;

/// <summary>
/// Real binlog changes of a table with the MySQL types of Doris's CDC mapping, loaded as change rows through
/// the Stream Load engine into a UNIQUE KEY table of either table store: every value arrives as the
/// source holds it, updates and a key change land, and a delete removes the row.
/// </summary>
public sealed class BinlogChangeLoadTests(MariaDbServer mariadb, PostgresServer postgres)
{
    private const string Columns = "id, big, price, ratio, day, at, ts, dur, name, note, raw, doc, color, tags, flag, yr";

    private const string TargetTable = """
            CREATE TABLE items (id INT, big LARGEINT, price DECIMAL(12, 3), ratio DOUBLE, day DATE, at DATETIME(6), ts DATETIME(3), dur STRING,
              name VARCHAR(60), note STRING, raw STRING, doc JSON, color STRING, tags STRING, flag TINYINT, yr SMALLINT) UNIQUE KEY(id)
            """;

    private static readonly string[] Expected =
    [
        "1|18446744073709551615|12345.678|0.25|2024-02-29|2024-02-29 13:05:00.123456|2024-02-29 13:05:00.5|-838:59:59|ünï|long text|AP8Q|{\"a\":[1,true]}|green|a,c|1|2024",
        "2|0|1.500|-1e+300|1000-01-01|9999-12-31 23:59:59.999999|NULL|12:00:00|changed|NULL||[]|red||0|1999",
        "30|7|1.000|1|2000-01-01|2000-01-01 00:00:00|2000-01-01 00:00:00|00:00:00|three|x|NULL|NULL|NULL|NULL|NULL|NULL",
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(ChangeLoadTarget.Stores), MemberType = typeof(ChangeLoadTarget))]
    public async Task Binlog_changes_of_every_mapped_type_load_into_a_unique_key_table(string store)
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        await CreateAsync(database);
        var start = await BinlogStreams.EndAsync(database.Admin, Token);
        await WriteAsync(database);
        var stop = await BinlogStreams.EndAsync(database.Admin, Token);
        var changes = await BinlogStreams.ReadAsync(BinlogStreams.Options(mariadb.Replication, database.Name), BinlogStart.At(start), stop, Token);

        await using var target = await ChangeLoadTarget.CreateAsync(store, postgres, TargetTable, Columns);

        var result = await target.LoadAsync(changes, "binlog_1");

        Assert.True(result.Status == LoadStatus.Success, result.Message + " " + result.FirstError);
        Assert.Equal(0L, result.FilteredRows);
        // TIME(0) keeps whole seconds at the source; DATETIME(3) prints without trailing zeros.
        Assert.Equal(Expected, await target.RowsAsync());

        // The same task run again (after a crash, say) finds its label committed and applies nothing twice.
        Assert.Equal(LoadStatus.LabelAlreadyExists, (await target.LoadAsync(changes, "binlog_1")).Status);
        Assert.Equal(3, (await target.RowsAsync()).Count);
    }

    /// <summary>A job's snapshot range (the text protocol) gives every type exactly as the binlog does.</summary>
    [Theory(Timeout = 120_000)]
    [MemberData(nameof(ChangeLoadTarget.Stores), MemberType = typeof(ChangeLoadTarget))]
    public async Task A_snapshot_range_of_every_mapped_type_loads_the_same_rows_as_the_changes(string store)
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        await CreateAsync(database);
        await WriteAsync(database);
        var options = BinlogStreams.Options(mariadb.Replication, database.Name);
        var rows = new List<SourceChange<BinlogPoint>>();
        var read = new SnapshotRangeRead(1000);
        await using (var snapshot = await ConsistentSnapshot.BeginAsync(options.Connection, SnapshotLocking.Auto, Token))
        {
            await using var session = await mariadb.Replication.OpenAsync(Token);
            var table = await TableMetadataReader.ReadTableAsync(session, database.Name, "items", Token);
            var range = new MySqlSnapshotBatch(MySqlOffset.At(snapshot.Position), null, 1000, false, DateTime.UtcNow);
            await foreach (var change in MySqlChangeRange.OpenAsync(options, range, snapshot, table, [], read, Token))
            {
                rows.Add(change);
            }
        }

        await using var target = await ChangeLoadTarget.CreateAsync(store, postgres, TargetTable, Columns);

        var result = await target.LoadAsync(rows, "snapshot_1");

        Assert.True(result.Status == LoadStatus.Success, result.Message + " " + result.FirstError);
        Assert.Equal(Expected, await target.RowsAsync());
        Assert.Equal(["i:30"], read.LastKey);
        Assert.True(read.TableEnded);
    }

    /// <summary>The job's WHERE applies to every change: a row updated out of it leaves the table, one updated into it arrives.</summary>
    [Theory(Timeout = 120_000)]
    [MemberData(nameof(ChangeLoadTarget.Stores), MemberType = typeof(ChangeLoadTarget))]
    public async Task An_update_that_moves_a_row_out_of_the_where_deletes_it(string store)
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        await database.Admin.ExecuteAsync("CREATE TABLE items (id INT PRIMARY KEY, amount INT)", Token);
        var start = await BinlogStreams.EndAsync(database.Admin, Token);
        await database.Admin.ExecuteAsync("INSERT INTO items VALUES (1, 5), (2, 7), (3, -1)", Token);
        await database.Admin.ExecuteAsync("UPDATE items SET amount = -3 WHERE id = 2", Token);
        await database.Admin.ExecuteAsync("UPDATE items SET amount = 4 WHERE id = 3", Token);
        var stop = await BinlogStreams.EndAsync(database.Admin, Token);
        var changes = await BinlogStreams.ReadAsync(BinlogStreams.Options(mariadb.Replication, database.Name), BinlogStart.At(start), stop, Token);
        await using var target = await ChangeLoadTarget.CreateAsync(store, postgres, "CREATE TABLE items (id INT, amount INT) UNIQUE KEY(id)", "id, amount");

        var result = await target.LoadAsync(changes, "where_1", where: "amount > 0");

        Assert.True(result.Status == LoadStatus.Success, result.Message);
        Assert.Equal(["1|5", "3|4"], await target.RowsAsync());
    }

    /// <summary>
    /// With binlog_row_image = MINIMAL an update sends only the columns it changed: the target keeps the others. A key
    /// change then leaves the new row's other values unknown, and the load says so instead of inventing them; so does a
    /// WHERE that reads a column the change did not send.
    /// </summary>
    [Theory(Timeout = 120_000)]
    [MemberData(nameof(ChangeLoadTarget.Stores), MemberType = typeof(ChangeLoadTarget))]
    public async Task A_minimal_row_image_keeps_the_columns_it_did_not_send(string store)
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        await database.Admin.ExecuteAsync("CREATE TABLE items (id INT PRIMARY KEY, n INT, note TEXT)", Token);
        var start = await BinlogStreams.EndAsync(database.Admin, Token);
        await database.Admin.ExecuteAsync("INSERT INTO items VALUES (1, 1, 'kept'), (2, 1, 'lost')", Token);
        await database.Admin.ExecuteAsync("SET SESSION binlog_row_image = 'MINIMAL'", Token);
        await database.Admin.ExecuteAsync("UPDATE items SET n = 2 WHERE id = 1", Token);
        var middle = await BinlogStreams.EndAsync(database.Admin, Token);
        await database.Admin.ExecuteAsync("UPDATE items SET id = 20 WHERE id = 2", Token);
        var stop = await BinlogStreams.EndAsync(database.Admin, Token);
        await database.Admin.ExecuteAsync("UPDATE items SET n = 3 WHERE id = 1", Token);
        var end = await BinlogStreams.EndAsync(database.Admin, Token);
        var options = BinlogStreams.Options(mariadb.Replication, database.Name);
        await using var target = await ChangeLoadTarget.CreateAsync(store, postgres, "CREATE TABLE items (id INT, n INT, note STRING) UNIQUE KEY(id)", "id, n, note");

        var kept = await target.LoadAsync(await BinlogStreams.ReadAsync(options, BinlogStart.At(start), middle, Token), "minimal_1");
        var moved = await target.LoadAsync(await BinlogStreams.ReadAsync(options, BinlogStart.At(middle), stop, Token), "minimal_2");
        var unknown = await target.LoadAsync(await BinlogStreams.ReadAsync(options, BinlogStart.At(stop), end, Token), "minimal_3", where: "note <> 'x'");

        Assert.True(kept.Status == LoadStatus.Success, kept.Message + " " + kept.FirstError);
        Assert.Equal(LoadStatus.Fail, moved.Status);
        Assert.Contains("an update arrived without some of its columns", moved.Message, StringComparison.Ordinal);
        Assert.Equal((LoadStatus.Fail, "the job's WHERE reads note, which the source did not send with this change"), (unknown.Status, unknown.FirstError));
        Assert.Equal(["1|2|kept", "2|1|lost"], await target.RowsAsync());
    }

    private static async Task CreateAsync(TestDatabase database)
    {
        await database.Admin.ExecuteAsync("SET time_zone = '+00:00'", Token);
        await database.Admin.ExecuteAsync("""
            CREATE TABLE items (id INT PRIMARY KEY, big BIGINT UNSIGNED, price DECIMAL(12,3), ratio DOUBLE, day DATE, at DATETIME(6),
              ts TIMESTAMP(3) NULL, dur TIME, name VARCHAR(20), note TEXT, raw VARBINARY(8), doc JSON, color ENUM('red','green'),
              tags SET('a','b','c'), flag TINYINT(1), yr YEAR)
            """, Token);
    }

    /// <summary>Rows of every type, an update, a key change and a delete.</summary>
    private static async Task WriteAsync(TestDatabase database)
    {
        await database.Admin.ExecuteAsync("""
            INSERT INTO items VALUES
              (1, 18446744073709551615, 12345.678, 0.25, '2024-02-29', '2024-02-29 13:05:00.123456', '2024-02-29 13:05:00.5', '-838:59:59',
                  'ünï', 'long text', X'00FF10', '{"a": [1, true]}', 'green', 'a,c', 1, 2024),
              (2, 0, -0.5, -1e300, '1000-01-01', '9999-12-31 23:59:59.999999', NULL, '12:00:00.25', '', NULL, X'', '[]', 'red', '', 0, 1999),
              (3, 7, 1, 1, '2000-01-01', '2000-01-01 00:00:00', '2000-01-01 00:00:00', '00:00:00', 'three', 'x', NULL, NULL, NULL, NULL, NULL, NULL),
              (4, 8, 2, 2, '2000-01-02', '2000-01-02 00:00:00', NULL, '00:00:01', 'four', 'y', NULL, NULL, NULL, NULL, NULL, NULL)
            """, Token);
        await database.Admin.ExecuteAsync("UPDATE items SET price = 1.5, name = 'changed' WHERE id = 2", Token);
        await database.Admin.ExecuteAsync("UPDATE items SET id = 30 WHERE id = 3", Token);
        await database.Admin.ExecuteAsync("DELETE FROM items WHERE id = 4", Token);
    }
}
