using ContinuousLoad.Jobs.Sources.Mirror;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Tests.Jobs.Cdc;

namespace ContinuousLoad.Tests.Jobs.Mirror;

/// <summary>What a database-level task does when a source table's shape differs from its target's (spec B.8).</summary>
public sealed class SchemaDriftTests
{
    private const string Listed = """["id","amount","note"]""";
    private static readonly string[] Loaded = ["id", "amount", "note", "__DORIS_DELETE_SIGN__"];

    private static readonly ContinuousLoad.Tables.Catalog.TableSchema Created =
        MirrorTargets.Table("orders", "id BIGINT NOT NULL, amount DECIMAL(10,2), note STRING", Listed);

    private static TestChanges.Table Source(params string[] columns) => new("shop", "orders", columns);

    [Fact]
    public void A_column_the_job_created_and_the_source_dropped_is_dropped()
    {
        var changed = Assert.Throws<SourceColumnsChangedException>(() => new SchemaDrift(MirrorTargets.Whole).Check(Source("id", "amount"), Created, Loaded));

        Assert.Equal(("", "note"), (string.Join(",", changed.Added), string.Join(",", changed.Dropped)));
    }

    [Fact]
    public void A_column_of_a_table_the_job_did_not_create_is_kept_and_said()
    {
        var drift = new SchemaDrift(MirrorTargets.Whole);
        drift.Check(Source("id", "amount"), MirrorTargets.Table("orders", "id BIGINT NOT NULL, amount DECIMAL(10,2), note STRING"), Loaded);

        Assert.Equal("Source table shop.orders has no column note of target table orders: it loads NULL from now on and is not dropped " +
                     "(the job drops only the non-key columns it created; drop it by hand if the source dropped it).", drift.Notes);
    }

    [Fact]
    public void A_column_a_user_added_to_a_created_table_is_kept_while_the_source_adds_its_own()
    {
        var target = MirrorTargets.Table("orders", "id BIGINT NOT NULL, amount DECIMAL(10,2), note STRING, mine INT", Listed);
        var drift = new SchemaDrift(MirrorTargets.Whole);

        var changed = Assert.Throws<SourceColumnsChangedException>(() => drift.Check(Source("id", "amount", "note", "extra"), target, [.. Loaded, "mine"]));

        Assert.Equal(("extra", ""), (string.Join(",", changed.Added), string.Join(",", changed.Dropped)));
        Assert.Contains("has no column mine of target table orders", drift.Notes);
    }

    [Fact]
    public void An_added_and_a_dropped_column_at_once_change_nothing_and_are_said()
    {
        var drift = new SchemaDrift(MirrorTargets.Whole);
        drift.Check(Source("id", "amount", "remark"), Created, Loaded);

        Assert.Equal("Source table shop.orders has column(s) remark and lacks note of target table orders: possibly a rename, which is not applied; " +
                     "change the target by hand (PAUSE, ALTER TABLE, RESUME).", drift.Notes);
    }

    [Fact]
    public void A_key_column_is_never_dropped()
    {
        var drift = new SchemaDrift(MirrorTargets.Whole);
        drift.Check(Source("amount", "note"), Created, Loaded);

        Assert.Contains("has no column id of target table orders", drift.Notes);
    }

    [Fact]
    public void Once_a_change_is_applied_the_older_shapes_of_the_same_task_do_not_undo_it()
    {
        var drift = new SchemaDrift(MirrorTargets.Whole);
        var before = Source("id", "amount", "note");
        var after = Source("id", "amount", "extra");
        drift.Settled(new SourceColumnsChangedException("orders", "orders", ["extra"], ["note"]));
        var altered = MirrorTargets.Table("orders", "id BIGINT NOT NULL, amount DECIMAL(10,2), extra STRING", """["id","amount","extra"]""");
        string[] loaded = ["id", "amount", "extra", "__DORIS_DELETE_SIGN__"];

        // The rows before the change have note and lack extra; those after it fit.
        drift.Check(before, altered, loaded);
        drift.Check(after, altered, loaded);

        Assert.Null(drift.Notes);
    }

    [Fact]
    public void The_list_of_the_jobs_columns_follows_what_it_adds_and_drops_and_keeps_other_properties()
    {
        var target = MirrorTargets.Table("orders", "id BIGINT NOT NULL, amount DECIMAL(10,2), note STRING, mine INT", Listed);

        var properties = SourceColumns.After(target, ["extra"], ["note"]);

        Assert.Equal(["amount", "extra", "id"], SourceColumns.Of(target with { Properties = properties }).Order(StringComparer.Ordinal));
        Assert.Equal("""["id","amount","extra"]""", properties.Single(p => p.Key == SourceColumns.Property).Value);
        Assert.Empty(SourceColumns.Of(MirrorTargets.Orders("orders")));
    }

    [Fact]
    public void A_type_or_key_change_of_a_created_table_is_described_and_one_of_another_table_is_not()
    {
        var source = new MirroredTable("orders",
        [
            new MirroredColumn("id", DataType.BigInt, false, null),
            new MirroredColumn("region", DataType.Varchar(30), false, null),
            new MirroredColumn("amount", DataType.Decimal(12, 2), true, null),
            new MirroredColumn("note", DataType.String, true, null),
        ], ["id", "region"], null);

        Assert.Equal("Source table orders changed what a job does not propagate: column amount is now decimal(12,2) (target: decimal(10,2)); " +
                     "the primary key is now (id, region) (target: id). Change target table orders by hand (PAUSE JOB, re-create or alter it, RESUME JOB).",
            UnpropagatedChanges.Describe(source, Created));
        Assert.Null(UnpropagatedChanges.Describe(source, MirrorTargets.Table("orders", "id BIGINT NOT NULL, amount DECIMAL(10,2), note STRING")));
        Assert.Null(UnpropagatedChanges.Describe(source with { Key = ["id"], Columns = [.. source.Columns.Where(c => c.Name != "amount")] }, Created));
    }
}
