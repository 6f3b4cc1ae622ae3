using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Statements;

namespace ContinuousLoad.Sql.Syntax;

/// <summary>
/// Recursive-descent parser for the Doris SQL subset we serve. Errors name the line, column, the
/// token found and what was expected. The grammar is split by topic over the partial files.
/// Every recursive construct passes <see cref="Enter"/>, so no input nests the parser past
/// <see cref="SqlLimits.ExprDepthLimit"/>; each outermost expression or query is then measured whole
/// (<see cref="SyntaxShape"/>), which also bounds the chains built in loops.
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
    private readonly SqlLimits _limits;
    private readonly IReadOnlyList<Token> _tokens;

    /// <summary>For each '(' token, the index of its ')' (or -1 when it has none).</summary>
    private readonly int[] _closing;

    /// <summary>For '(' tokens in FROM: 1 when the parenthesis holds a query, -1 when not, 0 not yet known.</summary>
    private readonly sbyte[] _holdsQuery;

    private readonly List<Property> _variables = [];
    private int _index;
    private int _nesting;

    private SqlParser(string source, SqlLimits? limits)
    {
        _limits = limits ?? SqlLimits.Default;
        if (source.Length > _limits.MaxStatementLength)
        {
            throw SqlLimitException.StatementTooLong(source.Length, _limits.MaxStatementLength);
        }

        _source = source;
        _tokens = Lexer.Tokenize(source);
        _closing = MatchParentheses(_tokens);
        _holdsQuery = new sbyte[_tokens.Count];
    }

    private Token Current => _tokens[_index];

    /// <summary>True for a word the parser never reads as a bare name; the writer backquotes such names.</summary>
    internal static bool IsReserved(string word) => Reserved.Contains(word);

    /// <summary>Parses exactly one statement; a trailing semicolon is allowed.</summary>
    /// <param name="limits">What the statement may cost; <see cref="SqlLimits.Default"/> when null.</param>
    /// <exception cref="SqlSyntaxException">The text is not one valid statement.</exception>
    /// <exception cref="SqlLimitException">The statement is too long, too deep or too wide.</exception>
    public static Statement ParseStatement(string sql, SqlLimits? limits = null)
    {
        var parser = new SqlParser(sql, limits);
        if (parser.Current.Kind == TokenKind.EndOfInput)
        {
            throw parser.Error("a statement");
        }

        var statement = parser.Statement();
        while (parser.AcceptSymbol(";"))
        {
        }

        parser.ExpectEnd();
        return parser._variables.Count == 0 ? statement : statement with { Variables = new NodeList<Property>(parser._variables) };
    }

    /// <summary>Parses a database-level job's body as stored: <c>FROM MYSQL (...) TO DATABASE db [(...)]</c>.</summary>
    /// <exception cref="SqlSyntaxException">The text is not one such body.</exception>
    public static DatabaseSyncSource ParseDatabaseSync(string text, SqlLimits? limits = null)
    {
        var parser = new SqlParser(text, limits);
        parser.ExpectKeyword("FROM");
        var sync = parser.DatabaseSync();
        parser.ExpectEnd();
        return sync;
    }

    /// <summary>Parses a lone expression, e.g. a Stream Load <c>where</c> header.</summary>
    public static Expression ParseExpression(string text, SqlLimits? limits = null)
    {
        var parser = new SqlParser(text, limits);
        var expression = parser.Expression();
        parser.ExpectEnd();
        return expression;
    }

    /// <summary>Parses a load's <c>columns</c> list: <c>k1, tmp, v = tmp * 2</c>.</summary>
    public static IReadOnlyList<ColumnMapping> ParseColumnMappings(string text, SqlLimits? limits = null)
    {
        var parser = new SqlParser(text, limits);
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
    public static Types.DataType ParseDataType(string text, SqlLimits? limits = null)
    {
        var parser = new SqlParser(text, limits);
        var type = parser.DataTypeSyntax();
        parser.ExpectEnd();
        return type;
    }

    /// <summary>One level deeper into a recursive construct; refused past the depth limit or near the end of the stack.</summary>
    private void Enter()
    {
        if (++_nesting > _limits.ExprDepthLimit)
        {
            throw SqlLimitException.DepthExceeded(_limits.ExprDepthLimit);
        }

        StackGuard.Ensure();
    }

    /// <summary>Back out of a construct; the outermost one is measured whole against the limits.</summary>
    private T Leave<T>(T node)
        where T : notnull
    {
        if (--_nesting == 0)
        {
            SyntaxShape.Check(node, _limits);
        }

        return node;
    }

    private static int[] MatchParentheses(IReadOnlyList<Token> tokens)
    {
        var closing = new int[tokens.Count];
        var open = new Stack<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            closing[i] = -1;
            if (tokens[i].IsSymbol("("))
            {
                open.Push(i);
            }
            else if (tokens[i].IsSymbol(")") && open.Count > 0)
            {
                closing[open.Pop()] = i;
            }
        }

        return closing;
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
    /// <param name="bareWords">Whether a value may be an unquoted word (a table function's <c>type=insert</c>).</param>
    private NodeList<Property> PropertyList(bool bareWords = false)
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
                    TokenKind.Word when bareWords || Current.IsKeyword("true") || Current.IsKeyword("false") => Advance().Text,
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
