using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Metadata;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// Finds the <see cref="BinlogTableSchema"/> for each TABLE_MAP: from the event's optional metadata when
/// the server sends column names (<c>binlog_row_metadata=FULL</c>), else from information_schema on a
/// separate session (the replication session is busy streaming). Cached per table id and per name; a
/// new table id for a known name (the server assigns one after ALTER) or any DDL reloads the definition.
/// information_schema describes the table as it is now: events written before columns were added at the
/// end take the first columns; events the current definition cannot describe are refused, never guessed.
/// </summary>
internal sealed class BinlogTableResolver(MySqlSession metadata)
{
    private readonly Dictionary<ulong, (TableMapEvent Map, BinlogTableSchema Schema)> _byId = [];
    private readonly Dictionary<(string Schema, string Table), TableInfo> _byName = [];

    public async ValueTask<BinlogTableSchema> ResolveAsync(TableMapEvent map, CancellationToken cancellationToken)
    {
        if (_byId.TryGetValue(map.TableId, out var known) && SameShape(known.Map, map))
        {
            return known.Schema;
        }

        var schema = BinlogTableSchema.FromTableMap(map);
        if (schema is null)
        {
            if (!_byName.TryGetValue((map.Schema, map.Table), out var table) || !Fits(table, map))
            {
                table = await TableMetadataReader.ReadTableAsync(metadata, map.Schema, map.Table, cancellationToken);
                _byName[(map.Schema, map.Table)] = table;
            }

            if (!Fits(table, map))
            {
                throw new MySqlSourceException(
                    $"{map.Schema}.{map.Table} is ({string.Join(", ", table.Columns.Select(c => c.DataType))}) now, but its row events at this binlog position have the column types ({string.Join(", ", map.Columns.Select(c => c.Type))}): " +
                    "the table changed after these events were written. Stream from a position after the change, or set binlog_row_metadata=FULL so row events carry their own column definitions.");
            }

            // Columns added at the end since these events were written are not in them: the first ones are.
            schema = new BinlogTableSchema(table.Schema, table.Name, table.Columns.Take(map.Columns.Length)
                .Select(c => new BinlogColumnSchema(c.Name, c.IsUnsigned, c.CollationId ?? CharacterSets.BinaryCollation, c.EnumValues)).ToArray());
        }

        if (schema.Columns.Count != map.Columns.Length)
        {
            throw new MySqlSourceException($"{map.Schema}.{map.Table}: the table map's optional metadata names {schema.Columns.Count} columns for {map.Columns.Length} column types.");
        }

        _byId[map.TableId] = (map, schema);
        return schema;
    }

    // The table's current columns can describe these events when they start with columns of the same kinds.
    private static bool Fits(TableInfo table, TableMapEvent map) =>
        table.Columns.Count >= map.Columns.Length && map.Columns.Select((column, i) => Compatible(table.Columns[i].DataType, column.Type)).All(fits => fits);

    private static bool Compatible(string dataType, MySqlColumnType type) => dataType switch
    {
        "tinyint" => type == MySqlColumnType.Tiny,
        "smallint" => type == MySqlColumnType.Short,
        "mediumint" => type == MySqlColumnType.Int24,
        "int" or "integer" => type == MySqlColumnType.Long,
        "bigint" => type == MySqlColumnType.LongLong,
        "float" => type == MySqlColumnType.Float,
        "double" or "real" => type == MySqlColumnType.Double,
        "decimal" or "numeric" => type is MySqlColumnType.NewDecimal or MySqlColumnType.Decimal,
        "date" => type is MySqlColumnType.Date or MySqlColumnType.NewDate,
        "time" => type is MySqlColumnType.Time or MySqlColumnType.Time2,
        "datetime" => type is MySqlColumnType.DateTime or MySqlColumnType.DateTime2,
        "timestamp" => type is MySqlColumnType.Timestamp or MySqlColumnType.Timestamp2,
        "year" => type == MySqlColumnType.Year,
        "char" or "binary" => type == MySqlColumnType.String,
        "varchar" or "varbinary" => type is MySqlColumnType.VarChar or MySqlColumnType.VarString,
        "tinytext" or "text" or "mediumtext" or "longtext" or "tinyblob" or "blob" or "mediumblob" or "longblob" =>
            type is MySqlColumnType.Blob or MySqlColumnType.TinyBlob or MySqlColumnType.MediumBlob or MySqlColumnType.LongBlob,
        "json" => type is MySqlColumnType.Json or MySqlColumnType.Blob,
        "enum" => type == MySqlColumnType.Enum,
        "set" => type == MySqlColumnType.Set,
        "bit" => type == MySqlColumnType.Bit,
        // Types this check does not know (spatial, MariaDB's UUID and INET6, ...) are taken on trust.
        _ => true,
    };

    /// <summary>A DDL statement ran: definitions read before it may be stale.</summary>
    public void Forget()
    {
        _byId.Clear();
        _byName.Clear();
    }

    private static bool SameShape(TableMapEvent a, TableMapEvent b) =>
        a.Schema == b.Schema && a.Table == b.Table && a.Columns.AsSpan().SequenceEqual(b.Columns);
}
