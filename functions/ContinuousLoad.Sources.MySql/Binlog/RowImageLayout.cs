using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// A table's columns as its rows events carry them: the TABLE_MAP types and metadata, the schema (names,
/// signedness, charsets, members) and each column's <see cref="MySqlValueKind"/>, worked out once per
/// table map and shared by every row image decoded with it.
/// </summary>
internal sealed class RowImageLayout
{
    public RowImageLayout(TableMapEvent tableMap, BinlogTableSchema schema)
    {
        if (schema.Columns.Count != tableMap.Columns.Length)
        {
            throw new BinlogFormatException($"{tableMap.Schema}.{tableMap.Table}: the table map has {tableMap.Columns.Length} columns, the schema {schema.Columns.Count}; reload the table's schema");
        }

        TableMap = tableMap;
        Schema = schema;
        ColumnSchemas = [.. schema.Columns];
        Kinds = new MySqlValueKind[tableMap.Columns.Length];
        FixedSizes = new int[tableMap.Columns.Length];
        LengthPrefixes = new int[tableMap.Columns.Length];
        for (var i = 0; i < Kinds.Length; i++)
        {
            Kinds[i] = ColumnValueDecoder.KindOf(tableMap.Columns[i], schema.Columns[i]);
            FixedSizes[i] = ColumnValueLength.FixedSize(tableMap.Columns[i]);
            LengthPrefixes[i] = tableMap.Columns[i].Type is MySqlColumnType.VarChar or MySqlColumnType.VarString or MySqlColumnType.String
                ? (tableMap.Columns[i].Length < 256 ? 1 : 2) : 0;
        }
    }

    public TableMapEvent TableMap { get; }

    public BinlogTableSchema Schema { get; }

    public BinlogColumn[] Columns => TableMap.Columns;

    /// <summary>The schema's columns as an array: read per value, where an interface call would cost.</summary>
    public BinlogColumnSchema[] ColumnSchemas { get; }

    public MySqlValueKind[] Kinds { get; }

    /// <summary>Per column, the size of every value, or 0 when each value says its own (<see cref="ColumnValueLength.FixedSize"/>).</summary>
    public int[] FixedSizes { get; }

    /// <summary>Per column, 1 or 2 for CHAR/VARCHAR (the size of each value's length prefix), else 0.</summary>
    public int[] LengthPrefixes { get; }
}
