namespace ContinuousLoad.Sources.Changes;

/// <summary>
/// The source table a row change belongs to, as the stream knew it when the change was read: its schema
/// (the MySQL database, the PostgreSQL schema), its name, and its columns in ordinal order — the order of
/// every <see cref="RowValues"/> of its changes.
/// </summary>
public abstract record ChangeTable(string Schema, string Name)
{
    public abstract IReadOnlyList<string> ColumnNames { get; }

    /// <returns>The ordinal of <paramref name="column"/> (exact name), or -1.</returns>
    public int IndexOf(string column)
    {
        var names = ColumnNames;
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == column)
            {
                return i;
            }
        }

        return -1;
    }
}
