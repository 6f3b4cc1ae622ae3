using System.Text;

namespace ContinuousLoad.Sql.Syntax;

/// <summary>
/// Splits Doris/MySQL SQL into tokens. Comments (<c>-- </c>, <c>#</c>, <c>/* */</c>) are skipped, except a
/// hint (<c>/*+ ... */</c>) right after SELECT or INSERT, which becomes a <see cref="TokenKind.Hint"/>;
/// strings use backslash escapes and doubled quotes as MySQL does; backquoted names double their backquotes.
/// <c>&gt;&gt;</c> is two <c>&gt;</c> tokens (the parser joins adjacent ones into a shift), so that
/// <c>ARRAY&lt;ARRAY&lt;INT&gt;&gt;</c> closes twice.
/// </summary>
public sealed class Lexer(string source)
{
    private static readonly string[] Symbols =
    [
        "<=>", "<=", ">=", "<>", "!=", "||", "&&", "<<", "::",
        "(", ")", ",", ".", ";", "*", "+", "-", "/", "%", "=", "<", ">", "!", "~", "&", "|", "^", "?", ":", "[", "]", "{", "}", "@",
    ];

    private int _position;

    /// <summary>Whether the last token was SELECT or INSERT, after which a <c>/*+ ... */</c> comment is a hint.</summary>
    private bool _hintMayFollow;

    public static IReadOnlyList<Token> Tokenize(string source)
    {
        var lexer = new Lexer(source);
        var tokens = new List<Token>();
        Token token;
        do
        {
            token = lexer.Next();
            tokens.Add(token);
        }
        while (token.Kind != TokenKind.EndOfInput);

        return tokens;
    }

    public Token Next()
    {
        var token = Read();
        _hintMayFollow = token.IsKeyword("SELECT") || token.IsKeyword("INSERT");
        return token;
    }

    private Token Read()
    {
        SkipSpaceAndComments();
        if (_position >= source.Length)
        {
            return new Token(TokenKind.EndOfInput, "", source.Length, 0);
        }

        if (AtHint())
        {
            return ReadHint();
        }

        var start = _position;
        var c = source[_position];
        if (c is '\'' or '"')
        {
            return ReadString(c);
        }

        if (c == '`')
        {
            return ReadQuotedName();
        }

        if (c == '@')
        {
            return ReadSystemVariable();
        }

        if (char.IsAsciiDigit(c) || (c == '.' && _position + 1 < source.Length && char.IsAsciiDigit(source[_position + 1])))
        {
            return ReadNumber();
        }

        if (IsWordStart(c))
        {
            while (_position < source.Length && IsWordPart(source[_position]))
            {
                _position++;
            }

            return new Token(TokenKind.Word, source[start.._position], start, _position - start);
        }

        foreach (var symbol in Symbols)
        {
            if (string.CompareOrdinal(source, _position, symbol, 0, symbol.Length) == 0)
            {
                _position += symbol.Length;
                return new Token(TokenKind.Symbol, symbol, start, symbol.Length);
            }
        }

        throw Error(start, $"unexpected character '{c}'");
    }

    /// <summary><c>@@name</c>, <c>@@scope.name</c>; a single <c>@</c> (a user variable) is not supported.</summary>
    private Token ReadSystemVariable()
    {
        var start = _position;
        if (At(1) != '@')
        {
            throw Error(start, "user variables (@name) are not supported; system variables are read as @@name");
        }

        _position += 2;
        var nameStart = _position;
        while (_position < source.Length && (IsWordPart(source[_position]) || (source[_position] == '.' && _position > nameStart)))
        {
            _position++;
        }

        return _position == nameStart
            ? throw Error(start, "a variable name after @@")
            : new Token(TokenKind.SystemVariable, source[nameStart.._position], start, _position - start);
    }

    private static bool IsWordStart(char c) => char.IsLetter(c) || c is '_' or '$';

    private static bool IsWordPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';

    private void SkipSpaceAndComments()
    {
        while (_position < source.Length)
        {
            var c = source[_position];
            if (char.IsWhiteSpace(c))
            {
                _position++;
            }
            else if (c == '#' || (c == '-' && At(1) == '-' && (At(2) is ' ' or '\t' or '\n' or '\r' or '\0')))
            {
                while (_position < source.Length && source[_position] != '\n')
                {
                    _position++;
                }
            }
            else if (c == '/' && At(1) == '*' && !AtHint())
            {
                var end = source.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error(_position, "unterminated comment: '/*' without '*/'");
                }

                _position = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private bool AtHint() => _hintMayFollow && At(0) == '/' && At(1) == '*' && At(2) == '+';

    private Token ReadHint()
    {
        var start = _position;
        var end = source.IndexOf("*/", _position + 3, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error(start, "unterminated hint: '/*+' without '*/'");
        }

        _position = end + 2;
        return new Token(TokenKind.Hint, source[(start + 3)..end], start, _position - start);
    }

    private char At(int ahead) => _position + ahead < source.Length ? source[_position + ahead] : '\0';

    private Token ReadString(char quote)
    {
        var start = _position++;
        var text = new StringBuilder();
        while (true)
        {
            if (_position >= source.Length)
            {
                throw Error(start, $"unterminated string: {quote} without its closing {quote}");
            }

            var c = source[_position++];
            if (c == quote)
            {
                if (_position < source.Length && source[_position] == quote)
                {
                    text.Append(quote);
                    _position++;
                    continue;
                }

                return new Token(TokenKind.String, text.ToString(), start, _position - start);
            }

            if (c == '\\' && _position < source.Length)
            {
                var escaped = source[_position++];
                text.Append(escaped switch
                {
                    'n' => "\n",
                    't' => "\t",
                    'r' => "\r",
                    '0' => "\0",
                    'b' => "\b",
                    'Z' => "\u001a",
                    // MySQL keeps the backslash of \% and \_ so LIKE patterns still see an escape.
                    '%' => "\\%",
                    '_' => "\\_",
                    _ => escaped.ToString(),
                });
                continue;
            }

            text.Append(c);
        }
    }

    private Token ReadQuotedName()
    {
        var start = _position++;
        var text = new StringBuilder();
        while (true)
        {
            if (_position >= source.Length)
            {
                throw Error(start, "unterminated name: ` without its closing `");
            }

            var c = source[_position++];
            if (c == '`')
            {
                if (_position < source.Length && source[_position] == '`')
                {
                    text.Append('`');
                    _position++;
                    continue;
                }

                if (text.Length == 0)
                {
                    throw Error(start, "empty name ``");
                }

                return new Token(TokenKind.QuotedName, text.ToString(), start, _position - start);
            }

            text.Append(c);
        }
    }

    private Token ReadNumber()
    {
        var start = _position;
        var kind = TokenKind.Integer;
        while (_position < source.Length && char.IsAsciiDigit(source[_position]))
        {
            _position++;
        }

        if (_position < source.Length && source[_position] == '.')
        {
            kind = TokenKind.Decimal;
            _position++;
            while (_position < source.Length && char.IsAsciiDigit(source[_position]))
            {
                _position++;
            }
        }

        if (_position < source.Length && source[_position] is 'e' or 'E')
        {
            var exponentStart = _position;
            _position++;
            if (_position < source.Length && source[_position] is '+' or '-')
            {
                _position++;
            }

            if (_position < source.Length && char.IsAsciiDigit(source[_position]))
            {
                kind = TokenKind.Float;
                while (_position < source.Length && char.IsAsciiDigit(source[_position]))
                {
                    _position++;
                }
            }
            else
            {
                _position = exponentStart;
            }
        }

        if (_position < source.Length && IsWordStart(source[_position]) && kind == TokenKind.Integer)
        {
            // MySQL allows names that start with digits (e.g. 1abc); read them as words.
            while (_position < source.Length && IsWordPart(source[_position]))
            {
                _position++;
            }

            return new Token(TokenKind.Word, source[start.._position], start, _position - start);
        }

        return new Token(kind, source[start.._position], start, _position - start);
    }

    private SqlSyntaxException Error(int offset, string message)
    {
        var (line, column) = SourcePosition.Of(source, offset);
        return new SqlSyntaxException($"Syntax error at line {line}, column {column}: {message}", line, column);
    }
}
