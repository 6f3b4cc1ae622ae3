namespace ContinuousLoad.Sql.Syntax;

/// <summary>A token: its kind, its value (unescaped for strings and quoted names) and where it starts in the source.</summary>
public readonly record struct Token(TokenKind Kind, string Text, int Offset, int Length)
{
    /// <summary>True for an unquoted word equal to <paramref name="keyword"/>, ignoring case.</summary>
    public bool IsKeyword(string keyword) => Kind == TokenKind.Word && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    /// <summary>How the token is named in an error message.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.EndOfInput => "the end of the statement",
        TokenKind.String => $"'{Text}'",
        TokenKind.QuotedName => $"`{Text}`",
        _ => $"'{Text}'",
    };
}
