using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Tables.Queries;

/// <summary>A result column: the name Doris shows (alias or expression text) and its type.</summary>
public sealed record OutputColumn(string Name, DataType Type);
