namespace ContinuousLoad.Sql.Syntax;

/// <summary>A table name with an optional database: <c>t</c> or <c>db.t</c>.</summary>
public sealed record QualifiedName(string? Database, string Name)
{
    public override string ToString() => Database is null ? SqlWriter.Quote(Name) : $"{SqlWriter.Quote(Database)}.{SqlWriter.Quote(Name)}";
}
