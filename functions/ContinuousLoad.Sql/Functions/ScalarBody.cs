using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Sql.Functions;

/// <summary>Computes a function's value from arguments already converted to its parameter types.</summary>
public delegate SqlValue ScalarBody(ReadOnlySpan<SqlValue> arguments, EvaluationContext context);
