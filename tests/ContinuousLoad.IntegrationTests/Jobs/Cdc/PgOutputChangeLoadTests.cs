using ContinuousLoad.Ingest.Loading;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.IntegrationTests.Sources.Postgres;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Jobs.Sources.Cdc;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Changes;

namespace ContinuousLoad.IntegrationTests.Jobs.Cdc;

/// <summary>
/// Real pgoutput changes of a table with the PostgreSQL types of Doris's CDC mapping, loaded as change
/// rows through the Stream Load engine into a UNIQUE KEY table of either table store: every value arrives
/// as the source holds it, a key change (sent with the old key only) moves the row, a delete removes it.
/// </summary>
public sealed class PgOutputChangeLoadTests(PostgresServer postgres)
{
    private const string Columns = "id, big, price, ratio, flag, day, at, instant, clock, zoned, span, body, label, raw, uid, doc, nums, words, addr";

    private const string TargetTable = """
            CREATE TABLE items (id INT, big BIGINT, price DECIMAL(12, 3), ratio DOUBLE, flag BOOLEAN, day DATE, at DATETIME(6), instant DATETIME(6),
              clock STRING, zoned STRING, span STRING, body STRING NOT NULL, label VARCHAR(60), raw STRING, uid STRING, doc JSON, nums ARRAY<INT>,
              words ARRAY<STRING>, addr STRING) UNIQUE KEY(id)
            """;

    private static readonly string[] Expected =
    [
        "1|9223372036854775807|12345.678|0.25|1|2024-02-29|2024-02-29 13:05:00.123456|2024-02-29 11:05:00.5|23:59:59.999999|13:05:00-03:30|1 day 02:03:04|long text|ünï|AP8Q|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11|{\"a\":null,\"b\":[1,true]}|[1, null, 3]|[\"x y\", \"q\\\"uote\"]|192.168.1.5/24",
        "2|-1|1.500|-1e+300|0|0001-01-01|9999-12-31 23:59:59.999999|NULL|00:00:00|NULL|NULL||changed||NULL|[]|[]|NULL|NULL",
        "30|3|3.000|3|NULL|NULL|NULL|NULL|NULL|NULL|NULL|three|NULL|NULL|NULL|NULL|NULL|NULL|NULL",
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(ChangeLoadTarget.Stores), MemberType = typeof(ChangeLoadTarget))]
    public async Task Logical_replication_changes_of_every_mapped_type_load_into_a_unique_key_table(string store)
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        await CreateAsync(scope, table);
        var source = scope.Source([table]);
        await source.PrepareAsync(Token);
        await (await source.CreateSlotAsync(Token)).DisposeAsync();
        await WriteAsync(scope, table);
        var stream = await source.OpenStreamAsync(Token);
        var changes = await PostgresScope.CollectAsync(stream, null, seen => seen.OfType<RowDeleted<PgPoint>>().Any(), Token);
        await using var target = await ChangeLoadTarget.CreateAsync(store, postgres, TargetTable, Columns);

        var result = await target.LoadAsync(changes, "pg_1");

        Assert.True(result.Status == LoadStatus.Success, result.Message + " " + result.FirstError);
        Assert.Equal(0L, result.FilteredRows);
        // timestamptz in the job's zone (UTC here); the key change arrived with the old key only.
        Assert.Equal(Expected, await target.RowsAsync());
    }

    /// <summary>A job's snapshot range (binary COPY for the types it reads in binary) gives every type exactly as the change stream does.</summary>
    [Theory(Timeout = 120_000)]
    [MemberData(nameof(ChangeLoadTarget.Stores), MemberType = typeof(ChangeLoadTarget))]
    public async Task A_snapshot_range_of_every_mapped_type_loads_the_same_rows_as_the_changes(string store)
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        await CreateAsync(scope, table);
        await WriteAsync(scope, table);
        var source = scope.Source([table]);
        await source.PrepareAsync(Token);
        var start = (await source.EnsureSlotAsync(Token)).Value;
        List<SourceChange<PgPoint>> rows = [];
        await using (var snapshot = await source.OpenRangeSnapshotAsync(Token))
        {
            var metadata = await snapshot.ReadTableAsync(table, Token);
            await foreach (var change in PostgresChangeRange.OpenAsync(source, new PostgresSnapshotBatch(start, null, null, false, DateTime.UtcNow), snapshot, metadata, [],
                               new SnapshotRangeRead(1000), Token))
            {
                rows.Add(change);
            }
        }

        await using var target = await ChangeLoadTarget.CreateAsync(store, postgres, TargetTable, Columns);

        var result = await target.LoadAsync(rows, "pg_snapshot_1");

        Assert.True(result.Status == LoadStatus.Success, result.Message + " " + result.FirstError);
        Assert.Equal(Expected, await target.RowsAsync());
    }

    /// <summary>
    /// An update that leaves a TOASTed value alone does not send it: the target keeps the value it has, also through an
    /// expression of it, and a key change keeps it too when REPLICA IDENTITY FULL sends the old row.
    /// </summary>
    [Theory(Timeout = 120_000)]
    [MemberData(nameof(ChangeLoadTarget.Stores), MemberType = typeof(ChangeLoadTarget))]
    public async Task An_unchanged_toast_value_keeps_the_value_the_target_has(string store)
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        await scope.ExecuteAsync($"CREATE TABLE {table.Quoted} (id int PRIMARY KEY, n int, body text)", Token);
        var source = scope.Source([table]);
        await source.PrepareAsync(Token);
        await (await source.CreateSlotAsync(Token)).DisposeAsync();
        // 8 kB of md5 text does not compress below the TOAST threshold, so the value is stored out of line.
        const string big = "(SELECT string_agg(md5(i::text), '') FROM generate_series(1, 250) i)";
        await scope.ExecuteAsync($"INSERT INTO {table.Quoted} VALUES (1, 1, {big}), (2, 1, {big})", Token);
        await scope.ExecuteAsync($"UPDATE {table.Quoted} SET n = 2 WHERE id = 1", Token);
        await scope.ExecuteAsync($"ALTER TABLE {table.Quoted} REPLICA IDENTITY FULL; UPDATE {table.Quoted} SET id = 20, n = 3 WHERE id = 2", Token);
        var changes = await PostgresScope.CollectAsync(await source.OpenStreamAsync(Token), null, seen => seen.OfType<RowUpdated<PgPoint>>().Count() == 2, Token);
        await using var target = await ChangeLoadTarget.CreateAsync(store, postgres, "CREATE TABLE items (id INT, n INT, body STRING, size INT) UNIQUE KEY(id)",
            "id, n, body, size");

        var result = await target.LoadAsync(changes, "toast_1", mapping: "id, n, body, size = length(body)");

        Assert.True(result.Status == LoadStatus.Success, result.Message + " " + result.FirstError);
        Assert.Contains(changes.OfType<RowUpdated<PgPoint>>(), u => u.After is RowImage image && image.IsUnchangedToast(2));
        Assert.Equal(["1|2|8000|8000", "20|3|8000|8000"], (await target.RowsAsync()).Select(r => r.Split('|')).Select(f => $"{f[0]}|{f[1]}|{f[2].Length}|{f[3]}"));
    }

    private static Task CreateAsync(PostgresScope scope, TableName table) =>
        scope.ExecuteAsync($"""
            CREATE TABLE {table.Quoted} (id int PRIMARY KEY, big bigint, price numeric(12,3), ratio float8, flag bool, day date, at timestamp(6),
              instant timestamptz, clock time, zoned timetz, span interval, body text, label varchar(20), raw bytea, uid uuid, doc jsonb,
              nums int[], words text[], addr inet)
            """, Token);

    /// <summary>Rows of every type, an update, a key change and a delete.</summary>
    private static Task WriteAsync(PostgresScope scope, TableName table) =>
        scope.ExecuteAsync($$"""
            SET TIME ZONE 'UTC';
            INSERT INTO {{table.Quoted}} VALUES
              (1, 9223372036854775807, 12345.678, 0.25, true, '2024-02-29', '2024-02-29 13:05:00.123456', '2024-02-29 13:05:00.5+02',
                  '23:59:59.999999', '13:05:00-03:30', '1 day 02:03:04', 'long text', 'ünï', '\x00ff10', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
                  '{"b": [1, true], "a": null}', '{1,NULL,3}', '{"x y","q\"uote"}', '192.168.1.5/24'),
              (2, -1, -0.5, -1e300, false, '0001-01-01', '9999-12-31 23:59:59.999999', NULL, '00:00:00', NULL, NULL, '', NULL, '\x', NULL, '[]', '{}', NULL, NULL),
              (3, 3, 3, 3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'three', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
              (4, 4, 4, 4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'four', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
            UPDATE {{table.Quoted}} SET price = 1.5, label = 'changed' WHERE id = 2;
            UPDATE {{table.Quoted}} SET id = 30 WHERE id = 3;
            DELETE FROM {{table.Quoted}} WHERE id = 4;
            """, Token);
}
