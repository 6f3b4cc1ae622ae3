namespace ContinuousLoad.Tables.Queries;

/// <summary>A table function's rows in FROM; its columns occupy ordinals from <see cref="FirstOrdinal"/>.</summary>
public sealed record BoundVirtualRelation(VirtualTable Table, int FirstOrdinal) : BoundRelation;
