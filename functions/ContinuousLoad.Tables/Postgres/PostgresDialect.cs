using ContinuousLoad.Sql.Types;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>PostgreSQL's side of merging: native numeric arithmetic and GREATEST/LEAST (which skip NULLs).</summary>
internal sealed class PostgresDialect : StoreDialect
{
    public static PostgresDialect Instance { get; } = new();

    public override string Quote(string name) => PostgresNames.Quote(name);

    public override string Add(string current, string incoming, DataType type) =>
        $"COALESCE({current} + {incoming}, {current}, {incoming})";

    public override string Extreme(string current, string incoming, DataType type, bool max) =>
        $"{(max ? "GREATEST" : "LEAST")}({current}, {incoming})";
}
