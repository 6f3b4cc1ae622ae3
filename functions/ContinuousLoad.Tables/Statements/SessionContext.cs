using ContinuousLoad.Sql.Evaluation;

namespace ContinuousLoad.Tables.Statements;

/// <summary>Who runs a statement and where: the default database (from the URL) and the evaluation context.</summary>
public sealed record SessionContext(string? DefaultDatabase, EvaluationContext Evaluation, string User = "root")
{
    public string DatabaseOf(Sql.Syntax.QualifiedName name) =>
        name.Database ?? DefaultDatabase ?? throw new Catalog.DorisException("No database selected");
}
