namespace ContinuousLoad.Sql;

/// <summary>A statement that parses but cannot run: unknown names, wrong types, wrong argument counts.</summary>
public sealed class SqlSemanticException(string message) : Exception(message);
