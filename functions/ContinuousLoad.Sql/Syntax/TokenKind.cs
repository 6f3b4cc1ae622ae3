namespace ContinuousLoad.Sql.Syntax;

public enum TokenKind : byte
{
    EndOfInput,

    /// <summary>An unquoted word: a keyword or a name, decided by the parser.</summary>
    Word,

    /// <summary>A `backquoted` name; never a keyword.</summary>
    QuotedName,

    /// <summary>A 'single' or "double" quoted string, unescaped.</summary>
    String,

    /// <summary>Digits only.</summary>
    Integer,

    /// <summary>Digits with a decimal point.</summary>
    Decimal,

    /// <summary>A number with an exponent.</summary>
    Float,

    /// <summary>Punctuation and operators: <c>( ) , . ; * + - / % = &lt;=&gt; != &lt;&gt; &lt; &lt;= &gt; &gt;= || &amp;&amp; ! ~ &amp; | ^ ? :</c>.</summary>
    Symbol,

    /// <summary>A system variable, <c>@@name</c> or <c>@@global.name</c> / <c>@@session.name</c>; the text is what follows <c>@@</c>.</summary>
    SystemVariable,

    /// <summary>The text inside <c>/*+ ... */</c> right after SELECT or INSERT, e.g. <c>SET_VAR(query_timeout = 5)</c>.</summary>
    Hint,
}
