using ContinuousLoad.Sources.MySql.Metadata;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// Finds the <see cref="BinlogTableSchema"/> for each TABLE_MAP: from the event's optional metadata when
/// the server sends column names (<c>binlog_row_metadata=FULL</c>), else from information_schema on a
/// separate session (the replication session is busy streaming). Cached per table id and per name; a
/// new table id for a known name (the server assigns one after ALTER) or any DDL reloads the definition.
/// </summary>
internal sealed class BinlogTableResolver(MySqlSession metadata)
{
    private readonly Dictionary<ulong, (TableMapEvent Map, BinlogTableSchema Schema)> _byId = [];
    private readonly Dictionary<(string Schema, string Table), BinlogTableSchema> _byName = [];

    public async ValueTask<BinlogTableSchema> ResolveAsync(TableMapEvent map, CancellationToken cancellationToken)
    {
        if (_byId.TryGetValue(map.TableId, out var known) && SameShape(known.Map, map))
        {
            return known.Schema;
        }

        var schema = BinlogTableSchema.FromTableMap(map);
        if (schema is null && (!_byName.TryGetValue((map.Schema, map.Table), out schema) || schema.Columns.Count != map.Columns.Length))
        {
            schema = ToSchema(await TableMetadataReader.ReadTableAsync(metadata, map.Schema, map.Table, cancellationToken));
            _byName[(map.Schema, map.Table)] = schema;
        }

        if (schema.Columns.Count != map.Columns.Length)
        {
            throw new MySqlSourceException(
                $"{map.Schema}.{map.Table} has {schema.Columns.Count} columns now, but its row events at this binlog position have {map.Columns.Length}: " +
                "the table changed after these events were written. Stream from a position after the change, or set binlog_row_metadata=FULL so row events carry their own column definitions.");
        }

        _byId[map.TableId] = (map, schema);
        return schema;
    }

    /// <summary>A DDL statement ran: definitions read before it may be stale.</summary>
    public void Forget()
    {
        _byId.Clear();
        _byName.Clear();
    }

    private static bool SameShape(TableMapEvent a, TableMapEvent b) =>
        a.Schema == b.Schema && a.Table == b.Table && a.Columns.AsSpan().SequenceEqual(b.Columns);

    private static BinlogTableSchema ToSchema(TableInfo table) => new(
        table.Schema,
        table.Name,
        table.Columns.Select(c => new BinlogColumnSchema(c.Name, c.IsUnsigned, c.CollationId ?? CharacterSets.BinaryCollation, c.EnumValues)).ToArray());
}
