using System.Globalization;
using ContinuousLoad.Sql;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Sessions;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Queries;

namespace ContinuousLoad.Tables.Statements;

/// <summary>
/// What a session knows about itself, answered without the store: <c>SELECT @@version_comment LIMIT 1</c>, <c>SELECT
/// DATABASE(), USER(), CONNECTION_ID()</c> and <c>SHOW VARIABLES</c> — the statements clients send when they connect
/// and tools send to find their bearings. A SELECT is answered here when it has no FROM and reads only variables and
/// session functions.
/// </summary>
public static class SessionFacts
{
    private static readonly string[] SessionFunctions =
        ["database", "schema", "user", "current_user", "session_user", "system_user", "connection_id", "version", "last_insert_id"];

    /// <summary>The one-row answer of a SELECT of variables and session functions only; null for any other query.</summary>
    public static QueryResult? TryAnswer(Query query, SessionContext session)
    {
        if (query.Body is not SelectBody { From: null, Where: null, GroupBy.IsEmpty: true, Having: null } select || !query.OrderBy.IsEmpty ||
            !select.Items.All(item => item.Expression is SystemVariableExpression || IsSessionFunction(item.Expression)))
        {
            return null;
        }

        var columns = new List<OutputColumn>();
        var row = new List<SqlValue>();
        foreach (var item in select.Items)
        {
            var (value, type) = Value(item.Expression, session);
            columns.Add(new OutputColumn(item.Alias ?? SqlWriter.Write(item.Expression), type));
            row.Add(value);
        }

        var rows = query.Offset > 0 || query.Limit == 0 ? [] : new[] { row.ToArray() };
        return QueryResult.FromRows([.. columns], rows);
    }

    /// <summary><c>SHOW [GLOBAL | SESSION] VARIABLES [LIKE ...]</c>: Variable_name and Value, by name.</summary>
    public static RowsResult ShowVariables(ShowVariablesStatement show, SessionContext session, GlobalVariables? globals)
    {
        var variables = show.Scope == VariableScope.Global ? globals?.Current ?? SessionVariables.Default : session.Variables;
        var rows = variables.All()
            .Append((Name: "time_zone", Value: TimeZoneName(session)))
            .Append((Name: "system_time_zone", Value: TimeZoneName(session)))
            .Where(v => show.Like is null || LikePattern.Matches(v.Name, show.Like, regexp: false) == true)
            .OrderBy(v => v.Name, StringComparer.Ordinal)
            .Select(v => new string?[] { v.Name, v.Value });
        return ResultSets.Text(["Variable_name", "Value"], rows);
    }

    private static bool IsSessionFunction(Expression expression) =>
        expression is FunctionCall { Arguments.IsEmpty: true, Star: false } call && SessionFunctions.Contains(call.Name, StringComparer.OrdinalIgnoreCase);

    private static (SqlValue Value, DataType Type) Value(Expression expression, SessionContext session)
    {
        if (expression is SystemVariableExpression variable)
        {
            var text = variable.Name.ToLowerInvariant() is "time_zone" or "system_time_zone"
                ? TimeZoneName(session)
                : session.Variables.ValueOf(variable.Name) ?? throw new SqlSemanticException($"Unknown system variable '{variable.Name}'");
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? (SqlValue.FromInteger(number), DataType.BigInt)
                : (SqlValue.FromString(text), DataType.String);
        }

        var call = (FunctionCall)expression;
        return call.Name.ToLowerInvariant() switch
        {
            "database" or "schema" => (session.DefaultDatabase is { } database ? SqlValue.FromString(database) : SqlValue.Null, DataType.String),
            "user" or "session_user" or "system_user" => (SqlValue.FromString($"{session.User}@127.0.0.1"), DataType.String),
            "current_user" => (SqlValue.FromString($"'{session.User}'@'%'"), DataType.String),
            "connection_id" => (SqlValue.FromInteger(session.ConnectionId), DataType.BigInt),
            "last_insert_id" => (SqlValue.FromInteger(0), DataType.BigInt),
            _ => (SqlValue.FromString(SystemVariables.ServerVersion), DataType.String),
        };
    }

    private static string TimeZoneName(SessionContext session) => session.Evaluation.TimeZone.Id;
}
