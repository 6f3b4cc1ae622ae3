using System.Text;
using ContinuousLoad.Ingest.Formats;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Jobs.Sources.Mirror;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Tests.Jobs.Cdc;

namespace ContinuousLoad.Tests.Jobs.Mirror;

/// <summary>A database-level task's changes cut into one body per run of one table's changes, read once and in order.</summary>
public sealed class TableRunsTests
{
    private static readonly TestChanges.Table Orders = new("shop", "orders", ["id", "amount"]);
    private static readonly TestChanges.Table Customers = new("shop", "customers", ["id", "name"]);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_run_of_one_table_is_a_body_into_its_target_and_transaction_boundaries_do_not_cut_a_run()
    {
        var bodies = TableRuns<int>.Bodies(TestChanges.Stream(
                new TransactionBegin<int>(1, TestChanges.At),
                new RowInserted<int>(2, TestChanges.At, Orders.Row(1L, 10m)),
                new TransactionCommit<int>(3, TestChanges.At),
                new TransactionBegin<int>(4, TestChanges.At),
                new RowUpdated<int>(5, TestChanges.At, Orders.Row(1L, 10m), Orders.Row(1L, 11m)),
                new RowInserted<int>(6, TestChanges.At, Customers.Row(7L, "ann")),
                new RowDeleted<int>(7, TestChanges.At, Orders.Row(1L, 11m)),
                new TransactionCommit<int>(8, TestChanges.At),
                new TransactionBegin<int>(9, TestChanges.At),
                new TransactionCommit<int>(10, TestChanges.At)),
            table => table.Name + "_copy", _ => ["id"], new SchemaDrift(Whole), TimeZoneInfo.Utc);

        var read = new List<string>();
        await foreach (var body in bodies.WithCancellation(Token))
        {
            await using var rows = body.Rows!(["id", body.Table == "orders_copy" ? "amount" : "name", "__DORIS_DELETE_SIGN__"],
                body.Table == "orders_copy" ? MirrorTargets.Orders("orders_copy") : MirrorTargets.Customers("customers_copy"));
            var values = new List<string>();
            while (await rows.ReadAsync(Token))
            {
                values.Add($"{Text(rows, 0)}/{Text(rows, 2)}");
            }

            read.Add($"{body.Table}: {string.Join(" ", values)}");
        }

        Assert.Equal(["orders_copy: 1/0 1/0", "customers_copy: 7/0", "orders_copy: 1/1"], read);
    }

    [Fact]
    public async Task A_stream_without_row_changes_has_no_body()
    {
        var bodies = TableRuns<int>.Bodies(TestChanges.Stream(new TransactionBegin<int>(1, TestChanges.At), new TransactionCommit<int>(2, TestChanges.At)),
            table => table.Name, _ => ["id"], new SchemaDrift(Whole), TimeZoneInfo.Utc);

        await foreach (var _ in bodies.WithCancellation(Token))
        {
            Assert.Fail("a body without rows");
        }
    }

    [Fact]
    public async Task A_source_column_the_target_lacks_stops_the_load_to_add_it()
    {
        var wider = new TestChanges.Table("shop", "orders", ["id", "amount", "note"]);
        var bodies = TableRuns<int>.Bodies(TestChanges.Stream(new RowInserted<int>(1, TestChanges.At, wider.Row(1L, 10m, "n"))),
            table => table.Name, _ => ["id"], new SchemaDrift(Whole), TimeZoneInfo.Utc);
        await foreach (var body in bodies.WithCancellation(Token))
        {
            await using var rows = body.Rows!(["id", "amount", "__DORIS_DELETE_SIGN__"], MirrorTargets.Orders("orders"));
            var changed = await Assert.ThrowsAsync<SourceColumnsChangedException>(async () => await rows.ReadAsync(Token));
            Assert.Equal(("orders", "orders", "note", ""), (changed.SourceTable, changed.TargetTable, string.Join(",", changed.Added), string.Join(",", changed.Dropped)));
            break;
        }
    }

    private static TableSelection Whole => MirrorTargets.Whole;

    private static string Text(IRowSource rows, int field) => Encoding.UTF8.GetString(rows.Field(field));
}
