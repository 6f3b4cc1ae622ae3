using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.MySql.Metadata;

namespace ContinuousLoad.Sources.MySql.Snapshot;

/// <summary>A snapshot row's values, kept (in the <see cref="Values.MySqlValues"/> representation, as the binlog gives them): every column present.</summary>
public sealed class SnapshotRowValues(TableInfo table, object?[] values) : RowValues
{
    public override ChangeTable Table => table;

    public override int Count => values.Length;

    public override object? this[int column] => values[column];

    public override bool IsPresent(int column) => true;

    public override bool IsNull(int column) => values[column] is null;

    /// <summary>The current row of <paramref name="reader"/>, copied out.</summary>
    public static SnapshotRowValues Of(SnapshotChunkReader reader)
    {
        var copy = new object?[reader.Table.Columns.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = reader.GetValue(i);
        }

        return new SnapshotRowValues(reader.Table, copy);
    }
}
