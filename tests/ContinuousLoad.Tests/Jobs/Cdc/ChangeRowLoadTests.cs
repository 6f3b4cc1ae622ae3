using ContinuousLoad.Ingest.ErrorLogs;
using ContinuousLoad.Ingest.Loading;
using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Jobs.Sources.Cdc;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Tables.Sqlite;
using ContinuousLoad.Tables.Statements;
using ContinuousLoad.Testing;

namespace ContinuousLoad.Tests.Jobs.Cdc;

/// <summary>Change rows go through the Stream Load engine into the embedded store: a UNIQUE KEY table ends as the source does.</summary>
public sealed class ChangeRowLoadTests
{
    private static readonly TestChanges.Table Orders = new("shop", "orders", ["id", "customer", "amount", "placed"]);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Inserts_and_updates_upsert_deletes_delete_and_the_label_commits_once()
    {
        using var directory = new TemporaryDirectory();
        await using var store = new SqliteTableStore(directory.Combine("tables"));
        var session = new SessionContext("shop", new EvaluationContext(TimeZoneInfo.Utc, DateTime.UtcNow));
        var executor = new SqlStatementExecutor(store);
        await executor.ExecuteAsync("CREATE DATABASE shop", session, Token);
        await executor.ExecuteAsync("CREATE TABLE orders (id BIGINT, customer STRING, amount DECIMAL(10, 2), placed DATETIME(6)) UNIQUE KEY(id)", session, Token);
        var loader = new TableLoader(store, new ErrorLogFolder(directory.Combine("errors")));
        var options = LoadOptionsParser.Parse(name => name switch
        {
            "format" => "json",
            "columns" => "id, customer, amount, placed, __DORIS_DELETE_SIGN__",
            _ => null,
        }) with { Label = "job_1" };
        var placed = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Unspecified).AddTicks(10);

        var result = await loader.LoadAsync(new LoadRequest("shop", "orders", options, One(LoadBody.OfRows(names => new ChangeRowSource<int>(TestChanges.Stream(
            new TransactionBegin<int>(1, TestChanges.At),
            new RowInserted<int>(2, TestChanges.At, Orders.Row(1L, "ann", 10.5m, placed)),
            new RowInserted<int>(3, TestChanges.At, Orders.Row(2L, "bob", 7m, placed)),
            new RowInserted<int>(4, TestChanges.At, Orders.Row(3L, "cy", 1m, null)),
            new RowUpdated<int>(5, TestChanges.At, Orders.Row(1L, "ann", 10.5m, placed), Orders.Row(1L, "ann", 12.25m, placed)),
            new RowDeleted<int>(6, TestChanges.At, Orders.Row(2L, "bob", 7m, placed)),
            new RowUpdated<int>(7, TestChanges.At, Orders.Row(3L, "cy", 1m, null), Orders.Row(30L, "cy", 1m, null)),
            new TransactionCommit<int>(8, TestChanges.At)), names, ["id"], TimeZoneInfo.Utc))), "offset-8"), TimeZoneInfo.Utc, Token);

        Assert.Equal((LoadStatus.Success, 7L, 0L), (result.Status, result.TotalRows, result.FilteredRows));
        Assert.Equal(["1|ann|12.25|2024-05-06 07:08:09.000001", "30|cy|1.00|NULL"], await RowsAsync(executor, session));
        Assert.Equal(LoadStatus.LabelAlreadyExists, (await loader.LoadAsync(new LoadRequest("shop", "orders", options,
            One(LoadBody.OfRows(names => new ChangeRowSource<int>(TestChanges.Stream(), names, ["id"], TimeZoneInfo.Utc))), "offset-8"), TimeZoneInfo.Utc, Token)).Status);
    }

    private static async Task<List<string>> RowsAsync(SqlStatementExecutor executor, SessionContext session)
    {
        await using var result = ((RowsResult)await executor.ExecuteAsync("SELECT id, customer, amount, placed FROM orders ORDER BY id", session, Token)).Rows;
        var rows = new List<string>();
        await foreach (var row in result.Rows.WithCancellation(Token))
        {
            rows.Add(string.Join("|", row.Select(v => v.ToString())));
        }

        return rows;
    }

    private static async IAsyncEnumerable<LoadBody> One(LoadBody body)
    {
        await Task.Yield();
        yield return body;
    }
}
