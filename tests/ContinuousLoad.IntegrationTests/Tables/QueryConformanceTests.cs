using ContinuousLoad.IntegrationTests.Servers;

namespace ContinuousLoad.IntegrationTests.Tables;

/// <summary>SELECT re-emitted in each store's SQL answers the same, with Doris's semantics.</summary>
public sealed class QueryConformanceTests(PostgresServer postgres)
{
    private static async Task<TestStore> SalesAsync(string kind, PostgresServer postgres)
    {
        var store = await TestStore.CreateAsync(kind, postgres);
        await store.Sql(
            "CREATE TABLE sales (id INT, city VARCHAR(20), amount DECIMAL(10, 2), qty INT, sold DATETIME(3), note STRING) DUPLICATE KEY(id)",
            "CREATE TABLE cities (city VARCHAR(20), region VARCHAR(10)) UNIQUE KEY(city)",
            """
            INSERT INTO sales VALUES
                (1, 'Beijing', '10.50', 2, '2024-01-01 10:00:00.125', 'first'),
                (2, 'Shanghai', '20.00', 1, '2024-01-02 11:30:00', NULL),
                (3, 'Beijing', '5.25', 4, '2024-02-01 00:00:00', 'x%y'),
                (4, 'Xian', NULL, NULL, NULL, 'Über'),
                (5, 'Beijing', '0.01', 1, '2024-02-03 23:59:59.999', 'zeta')
            """,
            "INSERT INTO cities VALUES ('Beijing', 'north'), ('Shanghai', 'east'), ('Lhasa', 'west')");
        return store;
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Filters_projects_and_computes_like_Doris(string kind)
    {
        await using var store = await SalesAsync(kind, postgres);

        var result = await store.Result("""
            SELECT id, amount * qty AS total, concat(city, '-', id), upper(substr(note, 1, 3)) n3, year(sold), date_format(sold, '%Y/%m/%d %H:%i:%s.%f'),
                   amount / 3, qty / 2, qty DIV 2, -qty, CAST(amount AS INT), if(qty > 1, 'many', 'one'), coalesce(note, 'none')
            FROM sales WHERE id <= 3 ORDER BY id
            """);

        Assert.Equal(["id", "total", "concat(city, '-', id)", "n3", "year(sold)", "date_format(sold, '%Y/%m/%d %H:%i:%s.%f')",
            "amount / 3", "qty / 2", "qty DIV 2", "-qty", "CAST(amount AS int)", "if(qty > 1, 'many', 'one')", "coalesce(note, 'none')"], result.Columns);
        Assert.Equal(["int", "decimal(20,2)", "text", "text", "int", "text", "decimal(38,6)", "double", "bigint", "bigint", "int", "text", "text"], result.Types);
        Assert.Equal(
        [
            ["1", "21.00", "Beijing-1", "FIR", "2024", "2024/01/01 10:00:00.125000", "3.500000", "1", "1", "-2", "10", "many", "first"],
            ["2", "20.00", "Shanghai-2", "NULL", "2024", "2024/01/02 11:30:00.000000", "6.666667", "0.5", "0", "-1", "20", "one", "none"],
            ["3", "21.00", "Beijing-3", "X%Y", "2024", "2024/02/01 00:00:00.000000", "1.750000", "2", "2", "-4", "5", "many", "x%y"],
        ], result.Rows);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Evaluates_predicates_with_three_valued_logic(string kind)
    {
        await using var store = await SalesAsync(kind, postgres);

        Assert.Equal([["1"], ["2"], ["5"]], await store.Rows("SELECT id FROM sales WHERE amount BETWEEN 0 AND 20 AND qty IN (1, 2) ORDER BY id"));
        Assert.Equal([["3"]], await store.Rows("SELECT id FROM sales WHERE note LIKE 'x\\\\%%'"));
        Assert.Equal([["2"], ["4"]], await store.Rows("SELECT id FROM sales WHERE note IS NULL OR NOT (qty > 0) OR qty IS NULL ORDER BY id"));
        Assert.Equal([["4"]], await store.Rows("SELECT id FROM sales WHERE note REGEXP '^[ÜU]ber$'"));
        Assert.Equal([["1"], ["3"], ["5"]], await store.Rows("SELECT id FROM sales WHERE city = 'Beijing' AND sold >= '2024-01-01' ORDER BY id"));
        Assert.Equal([["5"]], await store.Rows("SELECT id FROM sales WHERE sold > '2024-02-03 23:59:59.998'"));
        Assert.Equal([["4"]], await store.Rows("SELECT id FROM sales WHERE amount <=> NULL"));
        Assert.Empty(await store.Rows("SELECT id FROM sales WHERE qty = 'not a number'"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Groups_aggregates_and_filters_groups(string kind)
    {
        await using var store = await SalesAsync(kind, postgres);

        var result = await store.Result("""
            SELECT city, count(*) AS n, count(note), count(DISTINCT qty), sum(amount), avg(qty), min(sold), max(note), group_concat(note ORDER_IGNORED)
            FROM sales GROUP BY city HAVING count(*) >= 1 ORDER BY n DESC, city
            """.Replace(" ORDER_IGNORED", "", StringComparison.Ordinal));

        Assert.Equal(["varchar(20)", "bigint", "bigint", "bigint", "decimal(38,2)", "double", "datetime(3)", "text", "text"], result.Types);
        Assert.Equal(
        [
            ["Beijing", "3", "3", "3", "15.76", "2.3333333333333335", "2024-01-01 10:00:00.125", "zeta", "first, x%y, zeta"],
            ["Shanghai", "1", "0", "1", "20.00", "1", "2024-01-02 11:30:00.000", "NULL", "NULL"],
            ["Xian", "1", "1", "0", "NULL", "NULL", "NULL", "Über", "Über"],
        ], result.Rows);
        Assert.Equal([["Beijing", "15.76"]], await store.Rows("SELECT city, sum(amount) s FROM sales GROUP BY 1 HAVING s > 15 AND s < 20"));
        Assert.Equal([["5", "35.76"]], await store.Rows("SELECT count(*), sum(amount) FROM sales"));
        Assert.Equal([["2"]], await store.Rows("SELECT count(*) FROM (SELECT city FROM sales GROUP BY city HAVING count(*) = 1) x"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Orders_with_Doris_null_placement_and_pages(string kind)
    {
        await using var store = await SalesAsync(kind, postgres);

        Assert.Equal([["4"], ["5"], ["3"], ["1"], ["2"]], await store.Rows("SELECT id FROM sales ORDER BY amount, id"));
        Assert.Equal([["2"], ["1"], ["3"], ["5"], ["4"]], await store.Rows("SELECT id FROM sales ORDER BY amount DESC"));
        Assert.Equal([["5"], ["3"], ["1"], ["2"], ["4"]], await store.Rows("SELECT id FROM sales ORDER BY amount ASC NULLS LAST"));
        Assert.Equal([["3"], ["1"]], await store.Rows("SELECT id FROM sales ORDER BY amount LIMIT 2 OFFSET 2"));
        Assert.Equal([["3"], ["1"]], await store.Rows("SELECT id FROM sales ORDER BY amount LIMIT 2, 2"));
        Assert.Equal([["Beijing"], ["Shanghai"], ["Xian"]], await store.Rows("SELECT DISTINCT city FROM sales ORDER BY city"));
        Assert.Equal([["Über"], ["zeta"], ["x%y"]], await store.Rows("SELECT note FROM sales WHERE note IS NOT NULL AND id > 2 ORDER BY note DESC"));
        Assert.Equal([["1", "first"]], await store.Rows("SELECT id, note FROM sales ORDER BY qty * amount DESC, id LIMIT 1"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Joins_tables_and_combines_results(string kind)
    {
        await using var store = await SalesAsync(kind, postgres);

        Assert.Equal([["1", "north"], ["2", "east"], ["3", "north"], ["4", "NULL"], ["5", "north"]],
            await store.Rows("SELECT s.id, c.region FROM sales s LEFT JOIN cities c ON s.city = c.city ORDER BY s.id"));
        Assert.Equal([["east", "1"], ["north", "3"]],
            await store.Rows("SELECT region, count(*) FROM sales JOIN cities USING (city) GROUP BY region ORDER BY region"));
        Assert.Equal([["Lhasa"]], await store.Rows("SELECT c.city FROM sales s RIGHT JOIN cities c ON s.city = c.city WHERE s.id IS NULL"));
        Assert.Equal([["Beijing"], ["Lhasa"], ["Shanghai"], ["Xian"]],
            await store.Rows("SELECT city FROM sales UNION SELECT city FROM cities ORDER BY 1"));
        Assert.Equal([["8"]], await store.Rows("SELECT count(*) FROM (SELECT city FROM sales UNION ALL SELECT city FROM cities) u"));
        Assert.Equal([["Beijing"], ["Shanghai"]], await store.Rows("SELECT city FROM sales INTERSECT SELECT city FROM cities ORDER BY city"));
        Assert.Equal([["15"]], await store.Rows("SELECT count(*) FROM sales, cities"));
        Assert.Equal([["1"]], await store.Rows("SELECT 1"));
        Assert.Equal([["2024-05-06 07:08:09", "2024-05-06", "3"]], await store.Rows("SELECT now(), curdate(), 1 + 2"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Applies_the_session_time_zone(string kind)
    {
        await using var store = await SalesAsync(kind, postgres);
        store.InZone("Asia/Shanghai");

        Assert.Equal([["2024-05-06 15:08:09", "1704074400", "1970-01-01 08:00:00"]],
            await store.Rows("SELECT now(), unix_timestamp(sold), from_unixtime(0) FROM sales WHERE id = 1"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Refuses_broken_and_writing_queries_and_changes_nothing(string kind)
    {
        await using var store = await SalesAsync(kind, postgres);

        Assert.Contains("Syntax error at line 1", (await store.Fails("SELEC * FROM sales")).Message, StringComparison.Ordinal);
        Assert.Contains("Unknown column 'nope' in 'table list'", (await store.Fails("SELECT nope FROM sales")).Message, StringComparison.Ordinal);
        Assert.Contains("Column 'city' in field list is ambiguous", (await store.Fails("SELECT city FROM sales, cities")).Message, StringComparison.Ordinal);
        Assert.Contains("'note' in 'note' must be an aggregate expression or appear in GROUP BY clause",
            (await store.Fails("SELECT city, note FROM sales GROUP BY city")).Message, StringComparison.Ordinal);
        Assert.Contains("Can not found function 'pg_sleep'", (await store.Fails("SELECT pg_sleep(10)")).Message, StringComparison.Ordinal);
        Assert.Contains("Can not found function 'nextval'", (await store.Fails("SELECT nextval('cl_catalog.txn_ids')")).Message, StringComparison.Ordinal);
        Assert.Contains("expected the end of the statement", (await store.Fails("SELECT 1; DROP TABLE sales")).Message, StringComparison.Ordinal);
        Assert.Contains("Table [sales; DROP TABLE cities] does not exist", (await store.Fails("SELECT * FROM `sales; DROP TABLE cities`")).Message, StringComparison.Ordinal);
        Assert.Contains("Unknown column 'x\"; DROP TABLE cities; --' in 'table list'",
            (await store.Fails("SELECT `x\"; DROP TABLE cities; --` FROM sales")).Message, StringComparison.Ordinal);
        Assert.Equal([["5"]], await store.Rows("SELECT count(*) FROM sales WHERE note <> 'x''; DROP TABLE cities; --' OR note IS NULL"));
        Assert.Equal([["3"]], await store.Rows("SELECT count(*) FROM cities"));
    }
}
