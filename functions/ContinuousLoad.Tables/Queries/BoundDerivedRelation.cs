namespace ContinuousLoad.Tables.Queries;

/// <summary>A subquery in FROM; its output columns occupy ordinals from <see cref="FirstOrdinal"/>.</summary>
public sealed record BoundDerivedRelation(BoundQuery Query, int FirstOrdinal) : BoundRelation;
