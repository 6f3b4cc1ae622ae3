using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Statements;

namespace ContinuousLoad.Sql.Syntax;

/// <summary>
/// Recursive-descent parser for the Doris SQL subset we serve. Errors name the line, column, the
/// token found and what was expected. The grammar is split by topic over the partial files.
/// </summary>
public sealed partial class SqlParser
{
    /// <summary>Words that never stand for a name unless backquoted (they would make the grammar ambiguous).</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "ALL", "ALTER", "AND", "AS", "ASC", "BETWEEN", "BY", "CASE", "CREATE", "CROSS", "DELETE", "DESC", "DISTINCT",
        "DIV", "DROP", "ELSE", "END", "EXCEPT", "EXISTS", "FALSE", "FROM", "FULL", "GROUP", "HAVING", "IN", "INNER",
        "INSERT", "INTERSECT", "INTERVAL", "INTO", "IS", "JOIN", "LEFT", "LIKE", "LIMIT", "MINUS", "NOT", "NULL", "OFFSET",
        "ON", "OR", "ORDER", "OUTER", "REGEXP", "RIGHT", "RLIKE", "SELECT", "SET", "THEN", "TRUE", "UNION", "UPDATE",
        "USING", "VALUES", "WHEN", "WHERE", "WITH", "XOR",
    };

    private readonly string _source;
    private readonly List<Token> _tokens;
    private int _index;

    private SqlParser(string source)
    {
        _source = source;
        _tokens = [.. Lexer.Tokenize(source)];
    }

    private Token Current => _tokens[_index];

    /// <summary>True for a word the parser never reads as a bare name; the writer backquotes such names.</summary>
    internal static bool IsReserved(string word) => Reserved.Contains(word);

    /// <summary>Parses exactly one statement; a trailing semicolon is allowed.</summary>
    /// <exception cref="SqlSyntaxException">The text is not one valid statement.</exception>
    public static Statement ParseStatement(string sql)
    {
        var parser = new SqlParser(sql);
        if (parser.Current.Kind == TokenKind.EndOfInput)
        {
            throw parser.Error("a statement");
        }

        var statement = parser.Statement();
        while (parser.AcceptSymbol(";"))
        {
        }

        parser.ExpectEnd();
        return statement;
    }

    /// <summary>Parses a lone expression, e.g. a Stream Load <c>where</c> header.</summary>
    public static Expression ParseExpression(string text)
    {
        var parser = new SqlParser(text);
        var expression = parser.Expression();
        parser.ExpectEnd();
        return expression;
    }

    /// <summary>Parses a load's <c>columns</c> list: <c>k1, tmp, v = tmp * 2</c>.</summary>
    public static IReadOnlyList<ColumnMapping> ParseColumnMappings(string text)
    {
        var parser = new SqlParser(text);
        var mappings = new List<ColumnMapping>();
        do
        {
            var name = parser.ExpectName("a column name");
            mappings.Add(new ColumnMapping(name, parser.AcceptSymbol("=") ? parser.Expression() : null));
        }
        while (parser.AcceptSymbol(","));

        parser.ExpectEnd();
        return mappings;
    }

    /// <summary>Parses a type name such as <c>DECIMAL(10, 2)</c> or <c>datetime(3)</c>.</summary>
    public static Types.DataType ParseDataType(string text)
    {
        var parser = new SqlParser(text);
        var type = parser.DataTypeSyntax();
        parser.ExpectEnd();
        return type;
    }

    private Token Peek(int ahead = 1) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private Token Advance()
    {
        var token = Current;
        if (token.Kind != TokenKind.EndOfInput)
        {
            _index++;
        }

        return token;
    }

    private bool AtKeyword(string keyword) => Current.IsKeyword(keyword);

    private bool AcceptKeyword(string keyword)
    {
        if (!AtKeyword(keyword))
        {
            return false;
        }

        _index++;
        return true;
    }

    private bool AcceptKeywords(params string[] keywords)
    {
        for (var i = 0; i < keywords.Length; i++)
        {
            if (!Peek(i).IsKeyword(keywords[i]))
            {
                return false;
            }
        }

        _index += keywords.Length;
        return true;
    }

    private void ExpectKeyword(string keyword)
    {
        if (!AcceptKeyword(keyword))
        {
            throw Error(keyword.ToUpperInvariant());
        }
    }

    private bool AtSymbol(string symbol) => Current.IsSymbol(symbol);

    private bool AcceptSymbol(string symbol)
    {
        if (!AtSymbol(symbol))
        {
            return false;
        }

        _index++;
        return true;
    }

    private void ExpectSymbol(string symbol)
    {
        if (!AcceptSymbol(symbol))
        {
            throw Error($"'{symbol}'");
        }
    }

    private void ExpectEnd()
    {
        if (Current.Kind != TokenKind.EndOfInput)
        {
            throw Error("the end of the statement");
        }
    }

    /// <summary>True when the current token can be a name: a backquoted name or a non-reserved word.</summary>
    private bool AtName() => Current.Kind == TokenKind.QuotedName || (Current.Kind == TokenKind.Word && !Reserved.Contains(Current.Text));

    private string ExpectName(string what)
    {
        if (!AtName())
        {
            throw Error(what);
        }

        return Advance().Text;
    }

    private QualifiedName QualifiedTableName()
    {
        var first = ExpectName("a table name");
        if (!AcceptSymbol("."))
        {
            return new QualifiedName(null, first);
        }

        return new QualifiedName(first, ExpectName("a table name after '.'"));
    }

    private string ExpectString(string what)
    {
        if (Current.Kind != TokenKind.String)
        {
            throw Error(what);
        }

        return Advance().Text;
    }

    private long ExpectInteger(string what)
    {
        if (Current.Kind != TokenKind.Integer || !long.TryParse(Current.Text, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            throw Error(what);
        }

        _index++;
        return value;
    }

    /// <summary>A name or a quoted string (labels, aliases and property keys accept either).</summary>
    private string ExpectNameOrString(string what) => Current.Kind == TokenKind.String ? Advance().Text : ExpectName(what);

    private NodeList<string> ParenthesizedNames(string what)
    {
        ExpectSymbol("(");
        var names = new List<string> { ExpectName(what) };
        while (AcceptSymbol(","))
        {
            names.Add(ExpectName(what));
        }

        ExpectSymbol(")");
        return new NodeList<string>(names);
    }

    /// <summary><c>("key" = "value", ...)</c>; keys and values are strings (names allowed for keys).</summary>
    private NodeList<Property> PropertyList()
    {
        ExpectSymbol("(");
        var properties = new List<Property>();
        if (!AtSymbol(")"))
        {
            do
            {
                var key = ExpectNameOrString("a property name");
                ExpectSymbol("=");
                var value = Current.Kind switch
                {
                    TokenKind.String or TokenKind.Integer or TokenKind.Decimal or TokenKind.Float => Advance().Text,
                    TokenKind.Word when Current.IsKeyword("true") || Current.IsKeyword("false") => Advance().Text,
                    _ => throw Error("a quoted property value"),
                };
                properties.Add(new Property(key, value));
            }
            while (AcceptSymbol(","));
        }

        ExpectSymbol(")");
        return new NodeList<Property>(properties);
    }

    private SqlSyntaxException Error(string expected)
    {
        var token = Current;
        var (line, column) = SourcePosition.Of(_source, token.Offset);
        return new SqlSyntaxException(
            $"Syntax error at line {line}, column {column}: expected {expected} but found {token.Describe()}", line, column);
    }

    private SqlSyntaxException Invalid(Token at, string message)
    {
        var (line, column) = SourcePosition.Of(_source, at.Offset);
        return new SqlSyntaxException($"Syntax error at line {line}, column {column}: {message}", line, column);
    }
}
