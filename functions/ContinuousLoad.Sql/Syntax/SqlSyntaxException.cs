namespace ContinuousLoad.Sql.Syntax;

/// <summary>The statement cannot be parsed; the message names the line, column and what was expected.</summary>
public sealed class SqlSyntaxException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
