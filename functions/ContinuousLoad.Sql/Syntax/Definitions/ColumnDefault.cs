namespace ContinuousLoad.Sql.Syntax.Definitions;

/// <summary>A column's DEFAULT: a literal (kept as text), NULL, or CURRENT_TIMESTAMP / CURRENT_DATE.</summary>
public sealed record ColumnDefault(ColumnDefaultKind Kind, string? Literal = null, int Precision = 0)
{
    public static ColumnDefault Null { get; } = new(ColumnDefaultKind.Null);

    public static ColumnDefault Of(string literal) => new(ColumnDefaultKind.Literal, literal);
}
