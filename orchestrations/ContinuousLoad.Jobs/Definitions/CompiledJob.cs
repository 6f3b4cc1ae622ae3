using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Definitions;

/// <summary>
/// A job definition read into what running it needs: its properties, its source's parameters, and the load options
/// of its target — a table-level job's one table with its SELECT's mapping (<see cref="Insert"/>, <see cref="Select"/>),
/// or a database-level job's tables, loaded column by column (<see cref="Target"/>).
/// </summary>
public sealed record CompiledJob(JobDefinition Definition, JobProperties Properties, InsertStatement? Insert, SelectBody? Select, SourceParameters Source,
    DatabaseTarget? Target = null)
{
    /// <exception cref="DorisException">The definition is not a valid streaming job.</exception>
    public static CompiledJob Compile(JobDefinition definition) => definition.MirrorsDatabase
        ? Compile(definition, SqlParser.ParseDatabaseSync(definition.BodySql, SqlLimits.Trusted))
        : Compile(definition, (SqlParser.ParseStatement(definition.BodySql, SqlLimits.Trusted) as InsertStatement)!);

    /// <exception cref="DorisException">The source or target properties are not valid for a database-level job.</exception>
    public static CompiledJob Compile(JobDefinition definition, DatabaseSyncSource sync) =>
        new(definition, JobProperties.Of(definition), null, null, CdcStreamSource.ParseDatabase(sync.SourceKind, sync.SourceProperties),
            DatabaseTarget.Parse(sync.TargetDatabase, sync.TargetProperties));

    /// <exception cref="DorisException">The INSERT, its S3(...) or cdc_stream(...) parameters or the properties are not valid for a streaming job.</exception>
    public static CompiledJob Compile(JobDefinition definition, InsertStatement insert)
    {
        if (insert.Query?.Body is not SelectBody { From: TableFunctionSource function } select || !insert.Query.OrderBy.IsEmpty || insert.Query.Limit is not null)
        {
            throw new DorisException("A streaming job inserts from one table function: INSERT INTO db.tbl [(cols)] SELECT ... FROM S3(...) [WHERE ...]");
        }

        SourceParameters source = function.Name.ToLowerInvariant() switch
        {
            "s3" => S3JobSource.Parse(function.Arguments),
            "cdc_stream" => CdcStreamSource.Parse(function.Arguments),
            _ => throw new DorisException($"Unknown table valued function '{function.Name}' for a streaming job; use S3(...) or cdc_stream(...)"),
        };

        if (select.Distinct || !select.GroupBy.IsEmpty || select.Having is not null)
        {
            throw new DorisException("A streaming job's SELECT cannot use DISTINCT, GROUP BY or HAVING: each source row loads on its own");
        }

        if (!insert.Partitions.IsEmpty || insert.Label is not null)
        {
            throw new DorisException("A streaming job's INSERT cannot name partitions or a label: each task's label is <jobId>_<taskId>");
        }

        var properties = JobProperties.Of(definition);
        return new CompiledJob(definition, properties, insert, select, source);
    }

    /// <summary>The load options of each task into <paramref name="table"/>: the source's format, the mapping and the session variables.</summary>
    /// <exception cref="DorisException">The SELECT does not fit the table, or a session variable is invalid.</exception>
    public LoadOptions LoadOptionsFor(TableSchema table)
    {
        var options = Target is not null ? MirrorMapping((CdcStreamSource)Source, table) : JobLoadMapping.Apply(Source.Format, Select!, Insert!.Columns, table);
        if (Source is CdcStreamSource cdc)
        {
            options = ChangeMapping(cdc, options, table);
        }

        return WithSettings(options);
    }

    /// <summary>A database-level job's load as a whole, whose bodies each name their table (<see cref="LoadOptionsFor"/> maps them): the session and target settings.</summary>
    public LoadOptions LoadSettings => WithSettings(Source.Format);

    private LoadOptions WithSettings(LoadOptions options)
    {
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
            return options with
            {
                // A database-level job checks its ratio over a window of tasks (see FilterWindow): a task itself keeps its good rows.
                MaxFilterRatio = Target is null ? session.MaxFilterRatio : 1.0,
                StrictMode = Target?.StrictMode ?? session.StrictMode,
                TimeZone = session.TimeZone,
                Timeout = session.Timeout,
            };
        }
        catch (LoadRequestException e)
        {
            throw new DorisException($"Invalid session variable: {e.Message}");
        }
    }

    /// <summary>The time zone of the job's loads: <c>session.time_zone</c>, else <paramref name="fallback"/> (the host's).</summary>
    /// <exception cref="DorisException">The session variable names no time zone.</exception>
    public TimeZoneInfo TimeZoneOr(TimeZoneInfo fallback)
    {
        try
        {
            return LoadOptionsParser.Parse(name => name == "timezone" ? Session("time_zone") : null).TimeZone ?? fallback;
        }
        catch (LoadRequestException e)
        {
            throw new DorisException($"Invalid session variable: {e.Message}");
        }
    }

    /// <summary>
    /// A database-level job loads each column of the target from the source column of the same name, but those the
    /// job excludes (<c>table.&lt;src&gt;.exclude_columns</c>); one the source does not have loads NULL.
    /// </summary>
    private static LoadOptions MirrorMapping(CdcStreamSource cdc, TableSchema table) => cdc.Format with
    {
        Columns = [.. table.VisibleColumns.Where(c => !cdc.Tables.IsExcluded(cdc.Tables.SourceOf(table.Name), c.Name)).Select(c => new ColumnMapping(c.Name, null))],
    };

    /// <summary>
    /// Change rows upsert and delete by the target's key: the target is a UNIQUE KEY table, every row carries the
    /// delete sign, and the SELECT sees that sign only when <c>include_delete_sign</c> exposes it.
    /// </summary>
    private static LoadOptions ChangeMapping(CdcStreamSource cdc, LoadOptions options, TableSchema table)
    {
        if (!table.HasDeleteSign)
        {
            throw new DorisException($"A cdc_stream job loads into a UNIQUE KEY table, so that updates replace rows and deletes remove them; '{table.Name}' is not one");
        }

        var sign = CdcStreamSource.DeleteSignField;
        var readsSign = (options.Columns ?? []).Any(c => c.Expression is null && c.Name.Equals(sign, StringComparison.OrdinalIgnoreCase));
        if (readsSign && !cdc.IncludeDeleteSign)
        {
            throw new DorisException($"Unknown column '{sign}': set \"include_delete_sign\" = \"true\" in cdc_stream(...) to read it");
        }

        return readsSign ? options : options with { Columns = [.. options.Columns ?? [], new ColumnMapping(sign, null)] };
    }

    private string? Session(string name) => Properties.Session.TryGetValue(name, out var value) ? value : null;
}
