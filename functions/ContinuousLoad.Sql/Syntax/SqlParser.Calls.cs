using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Sql.Syntax;

/// <summary>Function calls, CASE and CAST targets.</summary>
public sealed partial class SqlParser
{
    private FunctionCall Call()
    {
        var name = Advance().Text;
        ExpectSymbol("(");
        if (AcceptSymbol("*"))
        {
            ExpectSymbol(")");
            return new FunctionCall(name, NodeList<Expression>.Empty, Star: true);
        }

        var distinct = AcceptKeyword("DISTINCT");
        AcceptKeyword("ALL");
        var arguments = new List<Expression>();
        if (!AtSymbol(")"))
        {
            do
            {
                arguments.Add(Expression());
            }
            while (AcceptSymbol(","));
        }

        if (AcceptKeyword("ORDER"))
        {
            throw Invalid(Current, "ORDER BY inside a function call is not supported");
        }

        ExpectSymbol(")");
        return new FunctionCall(name, new NodeList<Expression>(arguments), distinct);
    }

    private CaseExpression Case()
    {
        var operand = AtKeyword("WHEN") ? null : Expression();
        var whens = new List<WhenClause>();
        while (AcceptKeyword("WHEN"))
        {
            var condition = Expression();
            ExpectKeyword("THEN");
            whens.Add(new WhenClause(condition, Expression()));
        }

        if (whens.Count == 0)
        {
            throw Error("WHEN");
        }

        var otherwise = AcceptKeyword("ELSE") ? Expression() : null;
        ExpectKeyword("END");
        return new CaseExpression(operand, new NodeList<WhenClause>(whens), otherwise);
    }

    /// <summary>CAST targets: the column types, plus MySQL's SIGNED/UNSIGNED [INTEGER] (BIGINT) and CHAR without a length (STRING).</summary>
    private DataType CastTarget()
    {
        if (AcceptKeyword("SIGNED") || AcceptKeyword("UNSIGNED"))
        {
            AcceptKeyword("INTEGER");
            AcceptKeyword("INT");
            return DataType.BigInt;
        }

        if ((AtKeyword("CHAR") || AtKeyword("VARCHAR")) && !Peek().IsSymbol("("))
        {
            _index++;
            return DataType.String;
        }

        return DataTypeSyntax();
    }
}
