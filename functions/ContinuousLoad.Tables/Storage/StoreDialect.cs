using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Tables.Storage;

/// <summary>The few places where the stores' SQL differs for writing: quoting and merging values of a type.</summary>
public abstract class StoreDialect
{
    public abstract string Quote(string name);

    /// <summary>SQL for the sum of two values of <paramref name="type"/>, NULL only when both are NULL.</summary>
    public abstract string Add(string current, string incoming, DataType type);

    /// <summary>SQL for the larger (<paramref name="max"/>) or smaller of two values, ignoring a NULL one.</summary>
    public abstract string Extreme(string current, string incoming, DataType type, bool max);

    /// <summary>SQL that is true when <paramref name="incoming"/> may replace <paramref name="current"/> (NULL orders lowest).</summary>
    public virtual string AtLeast(string incoming, string current, DataType type) =>
        $"({current} IS NULL OR ({incoming} IS NOT NULL AND {incoming} >= {current}))";
}
