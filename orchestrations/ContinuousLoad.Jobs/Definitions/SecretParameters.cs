using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Sql.Syntax.Statements;

namespace ContinuousLoad.Jobs.Definitions;

/// <summary>Which table-function parameters of a job are secrets — sealed when stored, masked when shown — and how to replace them.</summary>
public static class SecretParameters
{
    public static bool IsSecret(string key) =>
        S3JobSource.SecretParameters.Contains(key.Trim(), StringComparer.OrdinalIgnoreCase) || key.Contains("password", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The job's body (<see cref="JobDefinition.BodySql"/>) with each secret parameter's value replaced by
    /// <paramref name="replace"/>(name, value): the table function's, or a database-level job's source properties.
    /// </summary>
    public static string Replace(string bodySql, Func<string, string, string> replace)
    {
        if (JobDefinition.IsDatabaseSync(bodySql))
        {
            var sync = SqlParser.ParseDatabaseSync(bodySql, SqlLimits.Trusted);
            return SqlWriter.Write(sync with
            {
                SourceProperties = new NodeList<Property>(sync.SourceProperties.Select(p => IsSecret(p.Key) ? p with { Value = replace(p.Key, p.Value) } : p)),
            });
        }

        var insertSql = bodySql;
        var insert = (InsertStatement)SqlParser.ParseStatement(insertSql, SqlLimits.Trusted);
        if (insert.Query is not { Body: SelectBody { From: TableFunctionSource function } select } query || !function.Arguments.Any(a => IsSecret(a.Key)))
        {
            return insertSql;
        }

        var arguments = new NodeList<Property>(function.Arguments.Select(a => IsSecret(a.Key) ? a with { Value = replace(a.Key, a.Value) } : a));
        return SqlWriter.Write(insert with { Query = query with { Body = select with { From = function with { Arguments = arguments } } } });
    }
}
