using System.Globalization;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>SQLite's side: text-stored DECIMAL and LARGEINT values merge through the exact cl_numeric_* functions.</summary>
internal sealed class SqliteDialect : StoreDialect
{
    public static SqliteDialect Instance { get; } = new();

    public static bool IsNumericText(DataType type) => type.Kind is TypeKind.Decimal or TypeKind.LargeInt;

    public override string Quote(string name) => SqliteNames.Quote(name);

    public override string Add(string current, string incoming, DataType type) => IsNumericText(type)
        ? $"cl_numeric_add({current}, {incoming}, {type.Scale.ToString(CultureInfo.InvariantCulture)})"
        : $"COALESCE({current} + {incoming}, {current}, {incoming})";

    public override string Extreme(string current, string incoming, DataType type, bool max) => IsNumericText(type)
        ? $"cl_numeric_{(max ? "max" : "min")}({current}, {incoming})"
        : $"COALESCE({(max ? "max" : "min")}({current}, {incoming}), {current}, {incoming})";
}
