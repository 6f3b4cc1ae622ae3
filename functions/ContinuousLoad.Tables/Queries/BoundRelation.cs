namespace ContinuousLoad.Tables.Queries;

/// <summary>A source of rows in FROM; its columns occupy ordinals from <c>FirstOrdinal</c> in the scope row.</summary>
public abstract record BoundRelation;
