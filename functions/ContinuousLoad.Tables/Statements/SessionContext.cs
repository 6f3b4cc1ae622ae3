using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Sessions;

namespace ContinuousLoad.Tables.Statements;

/// <summary>Who runs a statement and where: the default database (from the URL), the evaluation context and the session variables.</summary>
public sealed record SessionContext(string? DefaultDatabase, EvaluationContext Evaluation, string User = "root")
{
    /// <summary>The session's variables (query_timeout, ...); a statement's SET_VAR hints are applied on top for that statement only.</summary>
    public SessionVariables Variables { get; init; } = SessionVariables.Default;

    /// <summary>The connection's number on the MySQL port (<c>CONNECTION_ID()</c>); 0 over HTTP, where a request is a session.</summary>
    public long ConnectionId { get; init; }

    public string DatabaseOf(Sql.Syntax.QualifiedName name) =>
        name.Database ?? DefaultDatabase ?? throw new Catalog.DorisException("No database selected");
}
