namespace ContinuousLoad.Sql.Syntax.Expressions;

/// <summary>A column named by one to three parts: <c>c</c>, <c>t.c</c>, <c>db.t.c</c>.</summary>
public sealed record ColumnReference(NodeList<string> Parts) : Expression
{
    public string Name => Parts[^1];

    public static ColumnReference Of(params string[] parts) => new(new NodeList<string>(parts));
}
