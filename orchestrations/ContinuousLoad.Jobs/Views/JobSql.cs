using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Sql.Syntax.Statements;

namespace ContinuousLoad.Jobs.Views;

/// <summary>A job's SQL as users may see it: secret parameters (<c>s3.secret_key</c>, <c>s3.session_token</c>, passwords) shown as <c>*XXX</c>.</summary>
public static class JobSql
{
    public const string Mask = "*XXX";

    public static string Masked(string insertSql)
    {
        var insert = (InsertStatement)SqlParser.ParseStatement(insertSql, SqlLimits.Trusted);
        if (insert.Query is not { Body: SelectBody { From: TableFunctionSource function } select } query)
        {
            return insertSql;
        }

        var masked = function with { Arguments = new NodeList<Property>(function.Arguments.Select(a => IsSecret(a.Key) ? a with { Value = Mask } : a)) };
        return SqlWriter.Write(insert with { Query = query with { Body = select with { From = masked } } });
    }

    public static bool IsSecret(string key) =>
        S3JobSource.SecretParameters.Contains(key, StringComparer.OrdinalIgnoreCase) || key.Contains("password", StringComparison.OrdinalIgnoreCase);
}
