using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Definitions;

/// <summary>A job definition read into what running it needs: its properties, its S3 source, and the load options with the SELECT's mapping.</summary>
public sealed record CompiledJob(JobDefinition Definition, JobProperties Properties, InsertStatement Insert, SelectBody Select, S3JobSource Source)
{
    /// <exception cref="DorisException">The definition is not a valid streaming job.</exception>
    public static CompiledJob Compile(JobDefinition definition) =>
        Compile(definition, (SqlParser.ParseStatement(definition.InsertSql, SqlLimits.Trusted) as InsertStatement)!);

    /// <exception cref="DorisException">The INSERT, its S3(...) parameters or the properties are not valid for a streaming job.</exception>
    public static CompiledJob Compile(JobDefinition definition, InsertStatement insert)
    {
        if (insert.Query?.Body is not SelectBody { From: TableFunctionSource function } select || !insert.Query.OrderBy.IsEmpty || insert.Query.Limit is not null)
        {
            throw new DorisException("A streaming job inserts from one table function: INSERT INTO db.tbl [(cols)] SELECT ... FROM S3(...) [WHERE ...]");
        }

        if (function.Name.Equals("cdc_stream", StringComparison.OrdinalIgnoreCase))
        {
            // Its parameters are checked first, so a mistake is named even before CDC jobs run.
            _ = CdcStreamSource.Parse(function.Arguments);
            throw new DorisException("cdc_stream(...) streaming jobs are not supported yet; only S3(...) is");
        }

        if (!function.Name.Equals("S3", StringComparison.OrdinalIgnoreCase))
        {
            throw new DorisException($"Unknown table valued function '{function.Name}' for a streaming job; use S3(...) or cdc_stream(...)");
        }

        if (select.Distinct || !select.GroupBy.IsEmpty || select.Having is not null)
        {
            throw new DorisException("A streaming job's SELECT cannot use DISTINCT, GROUP BY or HAVING: each source row loads on its own");
        }

        if (!insert.Partitions.IsEmpty || insert.Label is not null)
        {
            throw new DorisException("A streaming job's INSERT cannot name partitions or a label: each task's label is <jobId>_<taskId>");
        }

        var properties = JobProperties.Of(definition);
        return new CompiledJob(definition, properties, insert, select, S3JobSource.Parse(function.Arguments));
    }

    /// <summary>The load options of each task: the source's format, the SELECT's mapping and the session variables.</summary>
    /// <exception cref="DorisException">The SELECT does not fit the table, or a session variable is invalid.</exception>
    public LoadOptions LoadOptionsFor(TableSchema table)
    {
        var options = JobLoadMapping.Apply(Source.Format, Select, Insert.Columns, table);
        try
        {
            var session = LoadOptionsParser.Parse(name => name switch
            {
                "max_filter_ratio" => Session("insert_max_filter_ratio"),
                "strict_mode" => Session("enable_strict_mode"),
                "timezone" => Session("time_zone"),
                "timeout" => Session("insert_timeout") ?? Session("query_timeout"),
                _ => null,
            });
            return options with { MaxFilterRatio = session.MaxFilterRatio, StrictMode = session.StrictMode, TimeZone = session.TimeZone, Timeout = session.Timeout };
        }
        catch (LoadRequestException e)
        {
            throw new DorisException($"Invalid session variable: {e.Message}");
        }
    }

    /// <summary>The table function the job reads, which names its source (<c>s3</c>).</summary>
    public string SourceKind => ((TableFunctionSource)Select.From!).Name.ToLowerInvariant();

    private string? Session(string name) => Properties.Session.TryGetValue(name, out var value) ? value : null;
}
