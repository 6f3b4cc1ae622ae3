using System.Globalization;
using System.Text.Json;

namespace ContinuousLoad.IntegrationTests.Jobs.Mirror;

/// <summary>
/// The twenty source tables both database-level tests mirror — <c>(id, code, v, n, version)</c> with four shapes of key —
/// and what those tests read back from the target alike.
/// </summary>
internal static class MirroredTables
{
    public const int Count = 20;

    public static string Name(int table) => "t" + table.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The key of the table: one column or two, numeric or text, in either order.</summary>
    public static string KeyOf(int table) => (table % 4) switch
    {
        0 => "id",
        1 => "code",
        2 => "id, code",
        _ => "code, id",
    };

    /// <summary>
    /// The columns compared and the target of source table <paramref name="table"/>: the jobs leave <c>v</c> out of the first
    /// (<c>table.t01.exclude_columns</c>) and rename the last (<c>table.t20.target_table = renamed</c>).
    /// </summary>
    public static (string Columns, string Target) Compared(int table) =>
        (table == 1 ? "id, code, n, version" : "id, code, v, n, version", table == Count ? "renamed" : Name(table));

    /// <summary>SHOW CREATE TABLE's text.</summary>
    public static async Task<string> CreateTableAsync(JobSql sql, string table) => JobSql.Text((await sql.RunAsync($"SHOW CREATE TABLE {table}")).Single()[1])!;

    /// <summary>The column lines of SHOW CREATE TABLE, comma-joined: what a created table's DDL is compared by.</summary>
    public static async Task<string> ColumnsAsync(JobSql sql, string table) =>
        string.Join(",", (await CreateTableAsync(sql, table)).Split('\n').Where(l => l.StartsWith("  `", StringComparison.Ordinal)).Select(l => l.Trim().TrimEnd(',')));

    /// <summary>
    /// What both jobs show alike once they stream: per-table statistics in the job's LoadStatistic (totals only in its tasks),
    /// the twenty targets and the table of every type (no excluded one), t03's key and comment, t01 without its excluded column.
    /// </summary>
    public static async Task AssertTargetsAsync(JobSql sql, string job)
    {
        using var statistic = JsonDocument.Parse((await sql.ScalarAsync($"SELECT LoadStatistic FROM jobs(\"type\"=\"insert\") WHERE Name = '{job}'"))!);
        var perTable = statistic.RootElement.GetProperty("tables");
        Assert.True(perTable.GetProperty("t05").GetProperty("scannedRows").GetInt64() >= 400, perTable.ToString());
        Assert.True(perTable.TryGetProperty("renamed", out _), perTable.ToString());
        Assert.DoesNotContain("\"tables\"", await sql.ScalarAsync($"SELECT LoadStatistic FROM tasks(\"type\"=\"insert\") WHERE JobName = '{job}' LIMIT 1"),
            StringComparison.Ordinal);
        var created = (await sql.RunAsync("SHOW TABLES")).Select(r => JobSql.Text(r[0])).ToList();
        Assert.Equal(Count + 1, created.Count);
        Assert.DoesNotContain("skipped", created);
        var ddl = await CreateTableAsync(sql, "t03");
        Assert.Contains("UNIQUE KEY(`code`, `id`)", ddl, StringComparison.Ordinal);
        Assert.Contains("COMMENT 'table 3'", ddl, StringComparison.Ordinal);
        Assert.DoesNotContain("`v`", await CreateTableAsync(sql, "t01"), StringComparison.Ordinal);
    }
}
