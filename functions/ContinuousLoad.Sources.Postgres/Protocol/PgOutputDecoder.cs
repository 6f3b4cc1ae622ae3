using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres.Changes;
using ContinuousLoad.Sources.Postgres.Metadata;
using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Sources.Postgres.Protocol;

/// <summary>
/// Turns pgoutput protocol-1 messages (PostgreSQL docs, "Logical Replication Message Formats") into our
/// change records. Keeps the relations the server described (it describes each before its first change
/// in a session) and the open transaction, whose commit LSN, time and xid every change carries.
/// Text format only: values arrive as their output function's text (see ChangeStream for why).
/// Streaming of in-progress transactions and two-phase messages are not requested, so not expected.
/// </summary>
internal sealed class PgOutputDecoder(Func<uint, PgTypeInfo> types)
{
    private readonly Dictionary<uint, RelationSchema> _relations = [];
    private TransactionBegin<PgPoint>? _transaction;

    public bool InTransaction => _transaction is not null;

    /// <summary>Forgets a transaction cut short by a lost connection (the server sends it again whole); relations are kept.</summary>
    public void ResetTransaction() => _transaction = null;

    /// <summary>The type OIDs a Relation message names, so they can be resolved before <see cref="Decode"/>.</summary>
    public static IReadOnlyList<uint> RelationTypeOids(ReadOnlySpan<byte> message)
    {
        var reader = new PgOutputReader(message);
        reader.ReadByte();
        reader.ReadUInt32();
        reader.ReadString();
        reader.ReadString();
        reader.ReadByte();
        var count = ColumnCount(ref reader);
        var oids = new uint[count];
        for (var i = 0; i < count; i++)
        {
            reader.ReadByte();
            reader.ReadString();
            oids[i] = reader.ReadUInt32();
            reader.ReadInt32();
        }

        return oids;
    }

    /// <summary>One message's bytes to a change, or null for messages a consumer does not see (Type, Origin, logical messages).</summary>
    public SourceChange<PgPoint>? Decode(ReadOnlySpan<byte> message)
    {
        var reader = new PgOutputReader(message);
        var tag = (char)reader.ReadByte();
        switch (tag)
        {
            case 'B':
                var finalLsn = new Lsn(reader.ReadUInt64());
                var time = PgTimestamp.FromMicroseconds(reader.ReadInt64());
                _transaction = new TransactionBegin<PgPoint>(new PgPoint(reader.ReadUInt32(), finalLsn), time);
                return _transaction;
            case 'C':
                var open = Current(tag);
                reader.ReadByte();
                reader.ReadUInt64(); // the commit LSN, which Begin gave
                var commit = new TransactionCommit<PgPoint>(open.Position with { Lsn = new Lsn(reader.ReadUInt64()) }, PgTimestamp.FromMicroseconds(reader.ReadInt64()));
                _transaction = null;
                return commit;
            case 'R':
                return DecodeRelation(ref reader);
            case 'I':
                var inserted = Relation(reader.ReadUInt32());
                Expect(ref reader, 'N');
                var insertedIn = Current(tag);
                return new RowInserted<PgPoint>(insertedIn.Position, insertedIn.Time, ReadTuple(ref reader, inserted));
            case 'U':
                return DecodeUpdate(ref reader);
            case 'D':
                var deleted = Relation(reader.ReadUInt32());
                var keyOnly = (char)reader.ReadByte() switch
                {
                    'K' => true,
                    'O' => false,
                    var other => throw Violation($"Delete of {deleted.Table}: expected 'K' or 'O', got '{other}'"),
                };
                var deletedIn = Current(tag);
                return new RowDeleted<PgPoint>(deletedIn.Position, deletedIn.Time, ReadTuple(ref reader, deleted, keyOnly));
            case 'T':
                var count = reader.ReadInt32();
                var options = reader.ReadByte();
                if (count < 0 || count > reader.Remaining / 4)
                {
                    throw Violation($"Truncate of {count} relations, but {reader.Remaining} bytes are left for their ids");
                }

                var relations = new RelationSchema[count];
                for (var i = 0; i < count; i++)
                {
                    relations[i] = Relation(reader.ReadUInt32());
                }

                var truncatedIn = Current(tag);
                return new TablesTruncated(truncatedIn.Position, truncatedIn.Time, relations, (options & 1) != 0, (options & 2) != 0);
            case 'Y' or 'O' or 'M':
                return null;
            default:
                throw Violation($"unexpected pgoutput message '{tag}' (0x{(byte)tag:X2}); streaming and two-phase are not requested by this source");
        }
    }

    private RelationChanged DecodeRelation(ref PgOutputReader reader)
    {
        var id = reader.ReadUInt32();
        var schema = reader.ReadString();
        var name = reader.ReadString();
        var identity = (ReplicaIdentity)reader.ReadByte();
        var columns = new RelationColumn[ColumnCount(ref reader)];
        for (var i = 0; i < columns.Length; i++)
        {
            var flags = reader.ReadByte();
            var column = reader.ReadString();
            var oid = reader.ReadUInt32();
            columns[i] = new RelationColumn(column, oid, reader.ReadInt32(), (flags & 1) != 0, types(oid));
        }

        // An empty namespace means pg_catalog (the protocol leaves it out).
        var relation = new RelationSchema(id, new TableName(schema.Length == 0 ? "pg_catalog" : schema, name), identity, columns);
        _relations.TryGetValue(id, out var previous);
        _relations[id] = relation;
        var before = previous?.Columns.Select(c => c.Name).ToHashSet() ?? [];
        var after = columns.Select(c => c.Name).ToHashSet();
        var open = Current('R');
        return new RelationChanged(
            open.Position,
            open.Time,
            relation,
            previous,
            previous is null ? [] : [.. columns.Select(c => c.Name).Where(n => !before.Contains(n))],
            previous is null ? [] : [.. previous.Columns.Select(c => c.Name).Where(n => !after.Contains(n))]);
    }

    private RowUpdated<PgPoint> DecodeUpdate(ref PgOutputReader reader)
    {
        var relation = Relation(reader.ReadUInt32());
        var open = Current('U');
        var marker = (char)reader.ReadByte();
        RowImage? old = null;
        if (marker is 'K' or 'O')
        {
            old = ReadTuple(ref reader, relation, keyOnly: marker == 'K');
            marker = (char)reader.ReadByte();
        }

        if (marker != 'N')
        {
            throw Violation($"Update of {relation.Table}: expected 'N' before the new row, got '{marker}'");
        }

        return new RowUpdated<PgPoint>(open.Position, open.Time, old, ReadTuple(ref reader, relation));
    }

    /// <summary>A tuple's values kept as the server's text (one copy of the bytes), decoded when read (<see cref="RowImage"/>).</summary>
    private static RowImage ReadTuple(ref PgOutputReader reader, RelationSchema relation, bool keyOnly = false)
    {
        var count = reader.ReadInt16();
        if (count != relation.Columns.Count)
        {
            throw Violation($"a row of {relation.Table} has {count} columns, its relation message {relation.Columns.Count}");
        }

        var starts = new int[count];
        var lengths = new int[count];
        // The values are at most what is left of the message; one array holds them all.
        var text = new byte[reader.Remaining];
        var written = 0;
        for (var i = 0; i < count; i++)
        {
            var kind = (char)reader.ReadByte();
            switch (kind)
            {
                case 'n':
                    lengths[i] = RowImage.NullText;
                    break;
                case 'u':
                    lengths[i] = RowImage.UnchangedToastText;
                    break;
                case 't':
                    var value = reader.ReadBytes(reader.ReadInt32());
                    (starts[i], lengths[i]) = (written, value.Length);
                    value.CopyTo(text.AsSpan(written));
                    written += value.Length;
                    break;
                default:
                    throw Violation($"column {relation.Columns[i].Name} of {relation.Table}: tuple data kind '{kind}' (binary values are not requested)");
            }
        }

        return new RowImage(relation, text, starts, lengths, keyOnly);
    }

    /// <summary>A Relation message's column count, checked against the bytes left (each column takes at least ten).</summary>
    private static int ColumnCount(ref PgOutputReader reader)
    {
        var count = reader.ReadInt16();
        return count >= 0 && count <= reader.Remaining / 10
            ? count
            : throw Violation($"a relation of {count} columns, but {reader.Remaining} bytes are left to describe them");
    }

    private RelationSchema Relation(uint id) =>
        _relations.TryGetValue(id, out var relation) ? relation : throw Violation($"a change for relation {id} before its Relation message");

    private TransactionBegin<PgPoint> Current(char tag) => _transaction ?? throw Violation($"message '{tag}' outside a transaction");

    private static void Expect(ref PgOutputReader reader, char expected)
    {
        var actual = (char)reader.ReadByte();
        if (actual != expected)
        {
            throw Violation($"expected '{expected}', got '{actual}'");
        }
    }

    private static PostgresSourceException Violation(string what) => new(PostgresSourceError.ProtocolViolation, "pgoutput: " + what + ".");
}
