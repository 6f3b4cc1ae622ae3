namespace ContinuousLoad.Sql.Syntax.Statements;

public enum VariableScope
{
    /// <summary>This connection only (over HTTP, one request is one session, as in Doris's HTTP API).</summary>
    Session,

    /// <summary>Every session started afterwards on this host.</summary>
    Global,
}
