using System.Collections.Immutable;
using ContinuousLoad.Sql.Syntax.Queries;

namespace ContinuousLoad.Tables.Queries;

/// <summary>UNION / INTERSECT / EXCEPT of two queries with the same number of columns.</summary>
public sealed record BoundSetOperation(ImmutableArray<OutputColumn> Output, SetOperator Operator, bool All, BoundQuery Left, BoundQuery Right)
    : BoundQueryBody(Output);
