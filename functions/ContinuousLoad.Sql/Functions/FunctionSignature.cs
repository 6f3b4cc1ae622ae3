using System.Collections.Immutable;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Sql.Functions;

/// <summary>The types a call's arguments are converted to, and the type of its result.</summary>
public sealed record FunctionSignature(ImmutableArray<DataType> Parameters, DataType Result);
