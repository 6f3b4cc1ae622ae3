namespace ContinuousLoad.Sql.Syntax;

/// <summary>Turns an offset into a 1-based line and column for messages.</summary>
public static class SourcePosition
{
    public static (int Line, int Column) Of(string source, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }
}
