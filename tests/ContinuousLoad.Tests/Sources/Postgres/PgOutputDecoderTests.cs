using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Changes;
using ContinuousLoad.Sources.Postgres.Metadata;
using ContinuousLoad.Sources.Postgres.Protocol;
using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Tests.Sources.Postgres;

public sealed class PgOutputDecoderTests
{
    private const long CommitMicros = 776_000_000_000_000; // 2024-08-03 11:33:20 UTC
    private static readonly DateTimeOffset CommitTime = new(2024, 8, 3, 11, 33, 20, TimeSpan.Zero);

    private static byte[] Begin(long finalLsn = 0x1_0000_0100, int xid = 900) => PgOutputBytes.Message('B').Int64(finalLsn).Int64(CommitMicros).Int32(xid).ToArray();

    private static byte[] Relation(params (string Name, int Oid, bool Key)[] columns)
    {
        var message = PgOutputBytes.Message('R').Int32(16384).String("public").String("orders").Byte((byte)'d').Int16((short)columns.Length);
        foreach (var (name, oid, key) in columns)
        {
            message.Byte(key ? (byte)1 : (byte)0).String(name).Int32(oid).Int32(-1);
        }

        return message.ToArray();
    }

    private static PgOutputDecoder Decoder() => new(PgTypeCatalog.BuiltinOnly.Find);

    [Fact]
    public void A_transaction_carries_its_commit_position_time_and_xid_to_every_change()
    {
        var decoder = Decoder();
        var begin = (TransactionBegin<PgPoint>)decoder.Decode(Begin())!;
        var relation = (RelationChanged)decoder.Decode(Relation(("id", 23, true), ("name", 25, false)))!;
        var insert = (RowInserted<PgPoint>)decoder.Decode(PgOutputBytes.Message('I').Int32(16384).Byte((byte)'N').Tuple("7", "seven").ToArray())!;
        var commit = (TransactionCommit<PgPoint>)decoder.Decode(PgOutputBytes.Message('C').Byte(0).Int64(0x1_0000_0100).Int64(0x1_0000_0130).Int64(CommitMicros).ToArray())!;

        Assert.Equal(new TransactionBegin<PgPoint>(new PgPoint(900, Lsn.Parse("1/100")), CommitTime), begin);
        Assert.Equal((new TableName("public", "orders"), ReplicaIdentity.Default), (relation.Relation.Table, relation.Relation.ReplicaIdentity));
        Assert.Equal([true, false], relation.Relation.Columns.Select(c => c.IsKey));
        Assert.Equal((new PgPoint(900, Lsn.Parse("1/100")), CommitTime), (insert.Position, insert.Time));
        Assert.Equal(new object?[] { 7, "seven" }, insert.Row.Values);
        // The commit's position is the end of its record: where a resumed stream starts.
        Assert.Equal(new TransactionCommit<PgPoint>(new PgPoint(900, Lsn.Parse("1/130")), CommitTime), commit);
        Assert.False(decoder.InTransaction);
    }

    [Fact]
    public void Updates_and_deletes_say_what_they_know_of_the_old_row()
    {
        var decoder = Decoder();
        decoder.Decode(Begin());
        decoder.Decode(Relation(("id", 23, true), ("big", 25, false)));

        var plain = (RowUpdated<PgPoint>)decoder.Decode(PgOutputBytes.Message('U').Int32(16384).Byte((byte)'N').Tuple("1", "\0u").ToArray())!;
        var keyed = (RowUpdated<PgPoint>)decoder.Decode(PgOutputBytes.Message('U').Int32(16384).Byte((byte)'K').Tuple("1", null).Byte((byte)'N').Tuple("2", "x").ToArray())!;
        var full = (RowUpdated<PgPoint>)decoder.Decode(PgOutputBytes.Message('U').Int32(16384).Byte((byte)'O').Tuple("2", "x").Byte((byte)'N').Tuple("2", "y").ToArray())!;
        var deleted = (RowDeleted<PgPoint>)decoder.Decode(PgOutputBytes.Message('D').Int32(16384).Byte((byte)'K').Tuple("2", null).ToArray())!;
        var truncated = (TablesTruncated)decoder.Decode(PgOutputBytes.Message('T').Int32(1).Byte(3).Int32(16384).ToArray())!;

        Assert.Null(plain.Before);
        Assert.True(((RowImage)plain.After).IsUnchangedToast(1));
        Assert.Equal((false, null, false), (plain.After.IsPresent(1), plain.After["big"], plain.After.IsNull(1)));
        Assert.Equal((true, 1, 2), (((RowImage)keyed.Before!).IsKeyOnly, keyed.Before!["id"], keyed.After["id"]));
        Assert.Equal((true, false, false), (keyed.Before.IsPresent(0), keyed.Before.IsPresent(1), keyed.Before.IsFull));
        Assert.Equal((true, "x", "y"), (full.Before!.IsFull, full.Before["big"], full.After["big"]));
        Assert.Equal((true, 2, false), (((RowImage)deleted.Before).IsKeyOnly, deleted.Before["id"], deleted.Before.IsPresent(1)));
        Assert.Equal("orders", deleted.Table.Name);
        Assert.Equal((true, true, "orders"), (truncated.Cascade, truncated.RestartIdentity, truncated.Relations.Single().Table.Name));
    }

    [Fact]
    public void A_second_relation_message_reports_added_and_dropped_columns()
    {
        var decoder = Decoder();
        decoder.Decode(Begin());
        var first = (RelationChanged)decoder.Decode(Relation(("id", 23, true), ("old", 25, false)))!;
        var second = (RelationChanged)decoder.Decode(Relation(("id", 23, true), ("new", 1700, false)))!;
        var row = (RowInserted<PgPoint>)decoder.Decode(PgOutputBytes.Message('I').Int32(16384).Byte((byte)'N').Tuple("1", "1.50").ToArray())!;

        Assert.Equal((null, 0, 0), (first.Previous, first.AddedColumns.Count, first.DroppedColumns.Count));
        Assert.Equal(["new"], second.AddedColumns);
        Assert.Equal(["old"], second.DroppedColumns);
        Assert.Same(first.Relation, second.Previous);
        Assert.Equal(1.50m, row.Row["new"]);
        Assert.Equal([23u, 1700u], PgOutputDecoder.RelationTypeOids(Relation(("id", 23, true), ("new", 1700, false))));
    }

    [Fact]
    public void Type_origin_and_logical_messages_are_not_changes()
    {
        var decoder = Decoder();
        decoder.Decode(Begin());

        Assert.Null(decoder.Decode(PgOutputBytes.Message('Y').Int32(70000).String("public").String("mood").ToArray()));
        Assert.Null(decoder.Decode(PgOutputBytes.Message('O').Int64(5).String("origin").ToArray()));
    }

    [Theory]
    [InlineData("short begin")]
    [InlineData("change before relation")]
    [InlineData("change outside a transaction")]
    [InlineData("unknown tag")]
    [InlineData("binary value")]
    [InlineData("column count")]
    public void Protocol_violations_name_what_was_expected(string fault)
    {
        var decoder = Decoder();
        var insert = PgOutputBytes.Message('I').Int32(16384).Byte((byte)'N').Tuple("1").ToArray();
        Action act = fault switch
        {
            "short begin" => () => decoder.Decode(PgOutputBytes.Message('B').Int64(1).ToArray()),
            "change before relation" => () =>
            {
                decoder.Decode(Begin());
                decoder.Decode(insert);
            },
            "change outside a transaction" => () => decoder.Decode(Relation(("id", 23, true))),
            "unknown tag" => () => decoder.Decode(PgOutputBytes.Message('S').Int32(1).ToArray()),
            "binary value" => () =>
            {
                decoder.Decode(Begin());
                decoder.Decode(Relation(("id", 23, true)));
                decoder.Decode(PgOutputBytes.Message('I').Int32(16384).Byte((byte)'N').Int16(1).Byte((byte)'b').Int32(4).Int32(1).ToArray());
            },
            _ => () =>
            {
                decoder.Decode(Begin());
                decoder.Decode(Relation(("id", 23, true), ("v", 25, false)));
                decoder.Decode(insert);
            },
        };

        var error = Assert.Throws<PostgresSourceException>(act);

        Assert.Equal(PostgresSourceError.ProtocolViolation, error.Error);
        Assert.StartsWith("pgoutput", error.Message, StringComparison.Ordinal);
    }
}
