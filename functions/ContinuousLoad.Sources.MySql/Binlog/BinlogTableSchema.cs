using ContinuousLoad.Sources.Changes;
namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>The columns of one table in ordinal order, as <see cref="RowImageDecoder"/> needs them.</summary>
public sealed record BinlogTableSchema(string Schema, string Name, IReadOnlyList<BinlogColumnSchema> Columns) : ChangeTable(Schema, Name)
{
    private string[]? _columnNames;

    public override IReadOnlyList<string> ColumnNames => _columnNames ??= [.. Columns.Select(c => c.Name)];

    /// <summary>Builds a schema from TABLE_MAP's optional metadata (<c>binlog_row_metadata=FULL</c>), or null when it lacks column names.</summary>
    public static BinlogTableSchema? FromTableMap(TableMapEvent tableMap)
    {
        var metadata = tableMap.Metadata;
        if (metadata.ColumnNames is null)
        {
            return null;
        }

        var columns = new BinlogColumnSchema[tableMap.Columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = new BinlogColumnSchema(
                metadata.ColumnNames[i],
                metadata.Unsigned?[i] ?? false,
                metadata.Collations?[i] is > 0 and var collation ? collation : Values.CharacterSets.Utf8Mb4GeneralCollation,
                metadata.EnumOrSetValues?[i] ?? []);
        }

        return new BinlogTableSchema(tableMap.Schema, tableMap.Table, columns);
    }
}
