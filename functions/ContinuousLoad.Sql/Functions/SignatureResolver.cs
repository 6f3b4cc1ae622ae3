using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Sql.Functions;

/// <summary>
/// Picks a signature for the argument types. <paramref name="constants"/> holds each argument's value
/// when it is a literal (e.g. the digits of <c>round(x, 2)</c>), else null.
/// </summary>
/// <exception cref="SqlSemanticException">The arguments do not fit the function.</exception>
public delegate FunctionSignature SignatureResolver(IReadOnlyList<DataType> arguments, IReadOnlyList<SqlValue?> constants);
