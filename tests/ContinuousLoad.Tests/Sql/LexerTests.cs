using ContinuousLoad.Sql.Syntax;

namespace ContinuousLoad.Tests.Sql;

public sealed class LexerTests
{
    private static IEnumerable<(TokenKind, string)> Tokens(string sql) =>
        Lexer.Tokenize(sql).Where(t => t.Kind != TokenKind.EndOfInput).Select(t => (t.Kind, t.Text));

    [Fact]
    public void Splits_words_names_numbers_strings_and_symbols() =>
        Assert.Equal(
            [(TokenKind.Word, "select"), (TokenKind.QuotedName, "a`b"), (TokenKind.Symbol, ","), (TokenKind.Integer, "12"),
             (TokenKind.Symbol, ","), (TokenKind.Decimal, "1.50"), (TokenKind.Symbol, ","), (TokenKind.Float, "2e-3"),
             (TokenKind.Symbol, ","), (TokenKind.String, "it's"), (TokenKind.Symbol, "<=>"), (TokenKind.String, "x\"y")],
            Tokens("select `a``b`, 12, 1.50, 2e-3, 'it''s' <=> \"x\\\"y\""));

    [Theory]
    [InlineData("'a\\nb\\tc\\\\d\\'e'", "a\nb\tc\\d'e")]
    [InlineData("'100\\%'", "100\\%")]
    [InlineData("\"say \"\"hi\"\"\"", "say \"hi\"")]
    [InlineData("'unicode ☃ é'", "unicode ☃ é")]
    public void Unescapes_strings_as_MySQL_does(string sql, string text) =>
        Assert.Equal((TokenKind.String, text), Assert.Single(Tokens(sql)));

    [Fact]
    public void Skips_every_comment_style() =>
        Assert.Equal([(TokenKind.Word, "a"), (TokenKind.Word, "b"), (TokenKind.Word, "c"), (TokenKind.Symbol, "-"), (TokenKind.Symbol, "-"), (TokenKind.Integer, "1")],
            Tokens("a -- line\n# hash\nb /* block\n */ c --1"));

    [Theory]
    [InlineData("select 'abc", "line 1, column 8: unterminated string")]
    [InlineData("select\n  `abc", "line 2, column 3: unterminated name")]
    [InlineData("a /* never", "line 1, column 3: unterminated comment")]
    [InlineData("a \u0001", "line 1, column 3: unexpected character")]
    public void Reports_where_the_input_breaks(string sql, string message) =>
        Assert.Contains(message, Assert.Throws<SqlSyntaxException>(() => Lexer.Tokenize(sql)).Message, StringComparison.Ordinal);
}
