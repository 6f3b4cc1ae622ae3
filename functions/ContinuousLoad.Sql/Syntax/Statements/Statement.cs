namespace ContinuousLoad.Sql.Syntax.Statements;

/// <summary>A parsed SQL statement.</summary>
public abstract record Statement
{
    /// <summary>Session variables this statement sets for itself: Doris's <c>/*+ SET_VAR(query_timeout = 5) */</c> hint.</summary>
    public NodeList<Property> Variables { get; init; } = NodeList<Property>.Empty;
}
