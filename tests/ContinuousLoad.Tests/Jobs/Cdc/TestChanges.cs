using ContinuousLoad.Sources.Changes;

namespace ContinuousLoad.Tests.Jobs.Cdc;

/// <summary>Changes as a source would give them, built by hand: a table, row images, and a stream of changes.</summary>
internal static class TestChanges
{
    /// <summary>A value the source did not send (a partial image, an unchanged TOAST value).</summary>
    public static readonly object Absent = new();

    public static readonly DateTimeOffset At = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    public static async IAsyncEnumerable<SourceChange<int>> Stream(params SourceChange<int>[] changes)
    {
        foreach (var change in changes)
        {
            await Task.Yield();
            yield return change;
        }
    }

    public sealed record Table(string Schema, string Name, string[] Columns) : ChangeTable(Schema, Name)
    {
        public override IReadOnlyList<string> ColumnNames => Columns;

        public Image Row(params object?[] values) => new(this, values);
    }

    public sealed class Image(ChangeTable table, object?[] values) : RowValues
    {
        public override ChangeTable Table => table;

        public override int Count => values.Length;

        public override object? this[int column] => IsPresent(column) ? values[column] : null;

        public override bool IsPresent(int column) => !ReferenceEquals(values[column], Absent);

        public override bool IsNull(int column) => values[column] is null;
    }
}
