using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Statements;

namespace ContinuousLoad.Sql.Syntax;

/// <summary>Session variables: <c>SET [GLOBAL|SESSION] name = value</c> and the <c>/*+ SET_VAR(name = value) */</c> hint.</summary>
public sealed partial class SqlParser
{
    private SetVariablesStatement SetVariables()
    {
        var assignments = new List<VariableAssignment>();
        do
        {
            if (AcceptKeyword("NAMES"))
            {
                // SET NAMES charset [COLLATE collation], as connectors send it: the three character sets of the connection.
                var charset = VariableValue() ?? "utf8mb4";
                assignments.AddRange(NamesVariables.Select(n => new VariableAssignment(VariableScope.Session, n, charset)));
                if (AcceptKeyword("COLLATE"))
                {
                    assignments.Add(new VariableAssignment(VariableScope.Session, "collation_connection", VariableValue()));
                }

                continue;
            }

            var scope = AcceptKeyword("GLOBAL") ? VariableScope.Global : VariableScope.Session;
            if (scope == VariableScope.Session && !AcceptKeyword("SESSION"))
            {
                AcceptKeyword("LOCAL");
            }

            string name;
            if (Current.Kind == TokenKind.SystemVariable)
            {
                var variable = SystemVariable(Advance());
                (scope, name) = (variable.Scope ?? scope, variable.Name);
            }
            else
            {
                name = ExpectName("a variable name");
            }

            if (AcceptSymbol(":"))
            {
                ExpectSymbol("="); // :=
            }
            else
            {
                ExpectSymbol("=");
            }

            assignments.Add(new VariableAssignment(scope, name, VariableValue()));
        }
        while (AcceptSymbol(","));

        return new SetVariablesStatement(new NodeList<VariableAssignment>(assignments));
    }

    /// <summary>The variables <c>SET NAMES</c> sets.</summary>
    private static readonly string[] NamesVariables = ["character_set_client", "character_set_connection", "character_set_results"];

    /// <summary>A <see cref="TokenKind.SystemVariable"/> token: <c>@@name</c>, or with GLOBAL, SESSION or LOCAL and a dot before the name.</summary>
    private SystemVariableExpression SystemVariable(Token token)
    {
        var dot = token.Text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return new SystemVariableExpression(null, token.Text);
        }

        var scope = token.Text[..dot].ToUpperInvariant() switch
        {
            "GLOBAL" => VariableScope.Global,
            "SESSION" or "LOCAL" => VariableScope.Session,
            _ => throw Invalid(token, $"@@{token.Text}: the scope before the dot must be GLOBAL, SESSION or LOCAL"),
        };
        return new SystemVariableExpression(scope, token.Text[(dot + 1)..]);
    }

    /// <summary>A literal, a bare word (ON, OFF, DEFAULT...) or a negative number; null for DEFAULT.</summary>
    private string? VariableValue()
    {
        var negative = AcceptSymbol("-");
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer or TokenKind.Decimal or TokenKind.Float:
                _index++;
                return negative ? "-" + token.Text : token.Text;
            case TokenKind.String when !negative:
                _index++;
                return token.Text;
            case TokenKind.Word when !negative:
                _index++;
                return token.IsKeyword("DEFAULT") ? null : token.Text;
            default:
                throw Error("a variable value");
        }
    }

    /// <summary>
    /// Hints after SELECT or INSERT. <c>SET_VAR(name = value, ...)</c> sets variables for the statement;
    /// other hints (join orders and the like) are planner advice Doris may ignore too, and so do we.
    /// </summary>
    private void Hints()
    {
        while (Current.Kind == TokenKind.Hint)
        {
            var hint = Advance();
            var tokens = Lexer.Tokenize(hint.Text);
            var i = 0;
            while (tokens[i].Kind != TokenKind.EndOfInput)
            {
                if (tokens[i].IsKeyword("SET_VAR") && tokens[i + 1].IsSymbol("("))
                {
                    i = SetVarHint(hint, tokens, i + 2);
                }
                else
                {
                    i++;
                }
            }
        }
    }

    /// <returns>The index after the closing parenthesis.</returns>
    private int SetVarHint(Token hint, IReadOnlyList<Token> tokens, int i)
    {
        while (true)
        {
            if (tokens[i].Kind is not (TokenKind.Word or TokenKind.QuotedName) || !tokens[i + 1].IsSymbol("="))
            {
                throw Invalid(hint, "SET_VAR takes name = value pairs, e.g. /*+ SET_VAR(query_timeout = 5) */");
            }

            var value = tokens[i + 2];
            var negative = value.IsSymbol("-");
            if (negative)
            {
                value = tokens[i + 3];
            }

            if (value.Kind is not (TokenKind.Integer or TokenKind.Decimal or TokenKind.Float or TokenKind.String or TokenKind.Word))
            {
                throw Invalid(hint, $"SET_VAR({tokens[i].Text} = ...) needs a value");
            }

            _variables.Add(new Property(tokens[i].Text, negative ? "-" + value.Text : value.Text));
            i += negative ? 4 : 3;
            if (tokens[i].IsSymbol(")"))
            {
                return i + 1;
            }

            if (!tokens[i].IsSymbol(","))
            {
                throw Invalid(hint, "SET_VAR pairs are separated by commas and closed by ')'");
            }

            i++;
        }
    }
}
