using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Metadata;
using ContinuousLoad.Sources.Postgres.Snapshot;
using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Tests.Sources.Postgres;

public sealed class KeysetSqlTests
{
    private static readonly TableMetadata Orders = new(
        new TableName("sales", "Orders"),
        1,
        null,
        ReplicaIdentity.Default,
        false,
        [
            new ColumnMetadata("region", 1, 25, -1, "text", false, null, 1),
            new ColumnMetadata("id", 2, 20, -1, "bigint", false, null, 2),
            new ColumnMetadata("note", 3, 1042, 9, "character(5)", true, null, 0),
            new ColumnMetadata("at", 4, 1184, -1, "timestamp with time zone", true, null, 0),
        ]);

    private static readonly PgTypeInfo[] Types =
        [new(25, "text", PgValueKind.Text), new(20, "int8", PgValueKind.Int64), new(1042, "bpchar", PgValueKind.Text), new(1186, "interval", PgValueKind.Interval)];

    [Fact]
    public void A_middle_chunk_is_a_composite_key_range_in_key_order_with_typed_literals_and_text_only_where_binary_is_not_read()
    {
        var sql = KeysetSql.CopyChunk(Orders, Types, ["it's", "10"], ["zz", "5"]);

        Assert.Equal(
            "COPY (SELECT \"region\", \"id\", \"note\", \"at\"::text FROM \"sales\".\"Orders\" AS src"
            + " WHERE (src.\"region\", src.\"id\") > ('it''s'::text, '10'::bigint) AND (src.\"region\", src.\"id\") <= ('zz'::text, '5'::bigint)"
            + " ORDER BY src.\"region\", src.\"id\") TO STDOUT (FORMAT binary)",
            sql);
    }

    [Fact]
    public void The_first_and_last_chunks_are_open_on_one_side()
    {
        Assert.DoesNotContain("WHERE", KeysetSql.CopyChunk(Orders, Types, null, null), StringComparison.Ordinal);
        Assert.Contains("WHERE (src.\"region\", src.\"id\") <= ", KeysetSql.CopyChunk(Orders, Types, null, ["a", "1"]), StringComparison.Ordinal);
        Assert.EndsWith(
            "WHERE (src.\"region\", src.\"id\") > ('a'::text, '1'::bigint) ORDER BY src.\"region\", src.\"id\") TO STDOUT (FORMAT binary)",
            KeysetSql.CopyChunk(Orders, Types, ["a", "1"], null),
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_chunk_end_is_the_nth_key_after_the_previous_one()
    {
        Assert.Equal(
            "SELECT \"region\"::text, \"id\"::text FROM \"sales\".\"Orders\" AS src WHERE (src.\"region\", src.\"id\") > ('a'::text, '1'::bigint)"
            + " ORDER BY src.\"region\", src.\"id\" OFFSET 999 LIMIT 1",
            KeysetSql.ChunkEnd(Orders, ["a", "1"], 1000));
    }

    [Fact]
    public void A_table_without_a_primary_key_is_refused_and_bounds_must_match_the_key()
    {
        var keyless = Orders with { Columns = [.. Orders.Columns.Select(c => c with { PrimaryKeyPosition = 0 })] };

        var error = Assert.Throws<PostgresSourceException>(() => KeysetSql.CopyChunk(keyless, Types, null, null));
        Assert.Equal(PostgresSourceError.TableWithoutPrimaryKey, error.Error);
        Assert.Throws<ArgumentException>(() => KeysetSql.CopyChunk(Orders, Types, ["only-one"], null));
    }
}
