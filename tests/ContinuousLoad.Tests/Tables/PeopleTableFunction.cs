using System.Collections.Concurrent;
using System.Collections.Immutable;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Queries;
using ContinuousLoad.Tables.Statements;

namespace ContinuousLoad.Tests.Tables;

/// <summary>
/// A table function provider with one fixed function, <c>people("k"="v")</c>: five rows with NULLs,
/// DATETIMEs, decimals and a non-ASCII name. It records every call it answers.
/// </summary>
public sealed class PeopleTableFunction : ITableFunctionProvider
{
    public static readonly ImmutableArray<ColumnSchema> Columns =
    [
        new("id", DataType.BigInt, Nullable: false, IsKey: true),
        new("name", DataType.Varchar(20), Nullable: false, IsKey: false),
        new("city", DataType.String, Nullable: true, IsKey: false),
        new("born", DataType.DateTime(), Nullable: true, IsKey: false),
        new("score", DataType.Int, Nullable: true, IsKey: false),
        new("amount", DataType.Decimal(6, 2), Nullable: true, IsKey: false),
    ];

    public static readonly IReadOnlyList<SqlValue[]> Rows =
    [
        Row(1, "Alice", "Berlin", new DateTime(2024, 1, 2, 3, 4, 5), 90, "12.50"),
        Row(2, "Bob", null, new DateTime(2023, 12, 31, 23, 59, 59), 75, "9.75"),
        Row(3, "Carol", "Paris", null, null, "100.00"),
        Row(4, "dave", "Berlin", new DateTime(2024, 6, 1), 60, null),
        Row(5, "Émile", "Paris", new DateTime(2024, 1, 2, 3, 4, 6), 75, "2.00"),
    ];

    public ConcurrentQueue<(TableFunctionSource Call, SessionContext Session)> Calls { get; } = new();

    /// <summary>Rows to answer instead of <see cref="Rows"/> (to feed values that do not fit).</summary>
    public IReadOnlyList<SqlValue[]>? Override { get; set; }

    public ValueTask<VirtualTable> ResolveAsync(TableFunctionSource call, SessionContext session, CancellationToken cancellationToken)
    {
        if (!call.Name.Equals("people", StringComparison.OrdinalIgnoreCase))
        {
            throw DorisException.UnknownTableFunction(call.Name);
        }

        if (call.Arguments.Count != 1 || call.Arguments[0] != new Property("k", "v"))
        {
            throw new DorisException("people() takes exactly \"k\"=\"v\"");
        }

        Calls.Enqueue((call, session));
        return ValueTask.FromResult(new VirtualTable("people", Columns, Override ?? Rows));
    }

    private static SqlValue[] Row(long id, string name, string? city, DateTime? born, long? score, string? amount) =>
    [
        SqlValue.FromInteger(id),
        SqlValue.FromString(name),
        city is null ? SqlValue.Null : SqlValue.FromString(city),
        born is { } time ? SqlValue.FromDateTime(time) : SqlValue.Null,
        score is { } number ? SqlValue.FromInteger(number) : SqlValue.Null,
        amount is null ? SqlValue.Null : SqlValue.FromDecimal(SqlDecimal.Parse(amount)),
    ];
}
