using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Sessions;

namespace ContinuousLoad.Functions.Configuration;

/// <summary>
/// What one request may cost (<c>continuousLoad:limits</c>): the SQL limits of statements and Stream Load
/// headers, the session variables every session starts with, request sizes and rates, and how many
/// Stream Loads run at once. Doris's names where Doris has one; docs/configuration.md lists them all.
/// </summary>
public sealed record LimitSettings(
    SqlLimits Sql,
    SessionVariables Variables,
    int MaxLoadColumns,
    int MaxRequestHeaderBytes,
    int MaxConcurrentStreamLoads,
    int MinLoadBodyBytesPerSecond,
    TimeSpan LoadBodyRateGrace)
{
    public const string Section = ContinuousLoadSettings.Section + ":Limits";

    /// <summary>The Stream Load header limits these settings give.</summary>
    public HeaderLimits Headers => new(Sql, MaxLoadColumns);

    /// <summary>The largest SQL API request body: the longest statement, escaped in JSON at worst six bytes a character.</summary>
    public long MaxQueryBodyBytes => (6L * Sql.MaxStatementLength) + 65_536;

    public static LimitSettings Read(IConfiguration configuration)
    {
        long Get(string key, long fallback, long min, long max = long.MaxValue) =>
            SettingNumbers.Whole(configuration, $"{Section}:{key}", fallback, min, max);

        var sql = SqlLimits.Default;
        var variables = SessionVariables.Default;
        return new LimitSettings(
            new SqlLimits(
                (int)Get("ExprDepthLimit", sql.ExprDepthLimit, 1, SqlLimits.MaxExprDepthLimit),
                (int)Get("ExprChildrenLimit", sql.ExprChildrenLimit, 1, int.MaxValue),
                (int)Get("MaxStatementLength", sql.MaxStatementLength, 1, int.MaxValue)),
            new SessionVariables(
                (int)Get("QueryTimeout", variables.QueryTimeout, 1, int.MaxValue),
                (int)Get("InsertTimeout", variables.InsertTimeout, 1, int.MaxValue),
                Get("SqlSelectLimit", variables.SqlSelectLimit, 0),
                Get("MaxScanRows", variables.MaxScanRows, 0)),
            (int)Get("MaxLoadColumns", HeaderLimits.Default.MaxColumns, 1, int.MaxValue),
            (int)Get("MaxRequestHeaderBytes", 65_536, 1024, int.MaxValue),
            (int)Get("MaxConcurrentStreamLoads", 100, 1, int.MaxValue),
            (int)Get("MinLoadBodyBytesPerSecond", 240, 0, int.MaxValue),
            TimeSpan.FromSeconds(Get("LoadBodyRateGraceSecond", 10, 1, int.MaxValue)));
    }
}
