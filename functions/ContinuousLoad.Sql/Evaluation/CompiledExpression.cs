using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Sql.Evaluation;

/// <summary>A bound expression ready to evaluate against a row. Not thread-safe: compile one per concurrent user.</summary>
public delegate SqlValue CompiledExpression(ReadOnlySpan<SqlValue> row, EvaluationContext context);
