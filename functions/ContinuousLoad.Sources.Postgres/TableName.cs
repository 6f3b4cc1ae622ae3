namespace ContinuousLoad.Sources.Postgres;

/// <summary>A schema-qualified table; <see cref="Quoted"/> is safe to splice into SQL.</summary>
public sealed record TableName(string Schema, string Name)
{
    public string Quoted => $"{QuoteIdentifier(Schema)}.{QuoteIdentifier(Name)}";

    /// <summary>Parses <c>schema.table</c> or <c>table</c> (schema public); no quoting syntax.</summary>
    public static TableName Parse(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? new TableName("public", text) : new TableName(text[..dot], text[(dot + 1)..]);
    }

    public static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public override string ToString() => $"{Schema}.{Name}";
}
