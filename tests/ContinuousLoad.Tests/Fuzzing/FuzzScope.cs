using ContinuousLoad.Sql;
using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Testing.Fuzzing;

namespace ContinuousLoad.Tests.Fuzzing;

/// <summary>The columns <see cref="SqlGenerator"/> names, one of each kind of type, and a row of values for them.</summary>
internal sealed class FuzzScope : IColumnScope
{
    public static readonly FuzzScope Instance = new();

    private static readonly DataType[] ColumnTypes =
        [DataType.Int, DataType.String, DataType.DateTime(6), DataType.Decimal(20, 4), DataType.Double, DataType.Boolean];

    /// <summary>i = -7, s = 'ab%c', d = 2024-02-29 12:34:56.5, x = 12345.6789, f = 1e300, b = true.</summary>
    public static SqlValue[] Row { get; } =
    [
        SqlValue.FromInteger(-7),
        SqlValue.FromString("ab%c"),
        ContinuousLoad.Sql.Conversion.ValueConverter.Convert(SqlValue.FromString("2024-02-29 12:34:56.5"), DataType.String, DataType.DateTime(6), TimeZoneInfo.Utc).Value,
        SqlValue.FromDecimal(SqlDecimal.Parse("12345.6789")),
        SqlValue.FromDouble(1e300),
        SqlValue.FromBoolean(true),
    ];

    public BoundExpression Resolve(ColumnReference column)
    {
        var index = Array.IndexOf(SqlGenerator.Columns, column.Name.ToLowerInvariant());
        return index >= 0 && column.Parts.Count == 1
            ? new BoundColumn(index, SqlGenerator.Columns[index], ColumnTypes[index])
            : throw new SqlSemanticException($"Unknown column '{column.Name}'");
    }
}
