using System.Collections.Immutable;
using System.Text.Json;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Jobs.Orchestration;
using ContinuousLoad.Jobs.Statements;
using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Queries;
using ContinuousLoad.Tables.Statements;

namespace ContinuousLoad.Jobs.Views;

/// <summary>
/// <c>jobs("type"="insert")</c> and <c>tasks("type"="insert")</c> (spec B.12): Doris's columns in Doris's
/// order, plus <c>Lag</c> and <c>LastTaskSuccessTime</c>; times in the session's zone; secrets masked.
/// Any SELECT may filter, project, group and order them.
/// </summary>
/// <param name="errorLogUrl">The error log URL for a log name (a task's <c>TrackingUrl</c>).</param>
public sealed class JobViews(JobDirectory jobs, TimeProvider clock, Func<string, string> errorLogUrl) : ITableFunctionProvider
{
    private static readonly ImmutableArray<ColumnSchema> JobColumns = Columns(
        ("Id", DataType.BigInt), ("Name", DataType.String), ("Definer", DataType.String), ("ExecuteType", DataType.String),
        ("RecurringStrategy", DataType.String), ("Status", DataType.String), ("ExecuteSql", DataType.String), ("CreateTime", DataType.DateTime()),
        ("SucceedTaskCount", DataType.BigInt), ("FailedTaskCount", DataType.BigInt), ("CanceledTaskCount", DataType.BigInt), ("Comment", DataType.String),
        ("Properties", DataType.String), ("CurrentOffset", DataType.String), ("EndOffset", DataType.String), ("LoadStatistic", DataType.String),
        ("ErrorMsg", DataType.String), ("JobRuntimeMsg", DataType.String), ("Lag", DataType.BigInt), ("LastTaskSuccessTime", DataType.DateTime()));

    private static readonly ImmutableArray<ColumnSchema> TaskColumns = Columns(
        ("TaskId", DataType.BigInt), ("JobId", DataType.BigInt), ("JobName", DataType.String), ("Label", DataType.String), ("Status", DataType.String),
        ("ErrorMsg", DataType.String), ("CreateTime", DataType.DateTime()), ("StartTime", DataType.DateTime()), ("FinishTime", DataType.DateTime()),
        ("TrackingUrl", DataType.String), ("LoadStatistic", DataType.String), ("User", DataType.String), ("FirstErrorMsg", DataType.String),
        ("RunningOffset", DataType.String));

    public async ValueTask<VirtualTable> ResolveAsync(TableFunctionSource call, SessionContext session, CancellationToken cancellationToken)
    {
        // job(type=insert) is how Doris's continuous-load manual writes jobs("type"="insert").
        var name = call.Name.ToLowerInvariant() is "job" ? "jobs" : call.Name.ToLowerInvariant();
        if (name is not ("jobs" or "tasks"))
        {
            throw DorisException.UnknownTableFunction(call.Name);
        }

        var type = call.Arguments.SingleOrDefault(a => a.Key.Equals("type", StringComparison.OrdinalIgnoreCase))?.Value
            ?? throw new DorisException($"{name}() needs its type: {name}(\"type\"=\"insert\")");
        if (!type.Equals("insert", StringComparison.OrdinalIgnoreCase) || call.Arguments.Count != 1)
        {
            throw new DorisException($"{name}() takes one argument, \"type\"=\"insert\" (streaming jobs are insert jobs)");
        }

        var zone = session.Evaluation.TimeZone;
        var now = clock.GetUtcNow().UtcDateTime;
        var states = await jobs.ListAsync(cancellationToken);
        return name == "jobs"
            ? new VirtualTable(call.Name, JobColumns, [.. states.Select(s => JobRow(s, zone, now))])
            : new VirtualTable(call.Name, TaskColumns, [.. states.SelectMany(s => s.Tasks.Select(t => TaskRow(s, t, zone)))]);
    }

    private static SqlValue[] JobRow(JobState state, TimeZoneInfo zone, DateTime now)
    {
        var definition = state.Definition;
        var lag = state.WaitingSinceUtc is { } waiting ? Math.Max(0, (long)(now - waiting).TotalSeconds) : 0;
        return
        [
            SqlValue.FromInteger(definition.Id), Text(definition.Name), Text(definition.Definer), Text("STREAMING"), SqlValue.Null,
            Text(StatusText(state.Status)), Text(JobSql.Masked(definition.BodySql)), Time(definition.CreatedUtc, zone),
            SqlValue.FromInteger(state.SucceedTaskCount), SqlValue.FromInteger(state.FailedTaskCount), SqlValue.FromInteger(state.CanceledTaskCount),
            OrNull(definition.Comment), Text(JsonSerializer.Serialize(Properties(definition))), OrNull(state.Offset?.ToDoris()),
            OrNull(state.EndOffset?.ToDoris()), Text(JsonSerializer.Serialize(state.Statistic)), OrNull(state.Error?.ToJson()),
            Text(state.Notes is null ? state.RuntimeMsg : $"{state.RuntimeMsg} {state.Notes}".TrimStart()), SqlValue.FromInteger(lag), Time(state.LastTaskSuccessUtc, zone),
        ];
    }

    private SqlValue[] TaskRow(JobState state, JobTask task, TimeZoneInfo zone) =>
    [
        SqlValue.FromInteger(task.TaskId), SqlValue.FromInteger(state.Definition.Id), Text(state.Definition.Name), Text(task.Label), Text(task.Status.ToString().ToUpperInvariant()),
        OrNull(task.ErrorMsg), Time(task.CreateUtc, zone), Time(task.StartUtc, zone), Time(task.FinishUtc, zone),
        OrNull(task.ErrorLog is { } log ? errorLogUrl(log) : null), Text(JsonSerializer.Serialize(task.Statistic)), Text(state.Definition.Definer),
        OrNull(task.FirstErrorMsg), Text(task.End.RangeFrom(task.Start)),
    ];

    /// <summary>A job's status as Doris writes it (RUNNING, PAUSED, ...).</summary>
    public static string StatusText(JobStatus status) => status.ToString().ToUpperInvariant();

    /// <summary>The properties in effect, secrets masked.</summary>
    private static IReadOnlyDictionary<string, string> Properties(JobDefinition definition) =>
        JobProperties.Of(definition).Shown()
            .ToDictionary(p => p.Key, p => SecretParameters.IsSecret(p.Key) ? JobSql.Mask : p.Value);

    private static SqlValue Text(string value) => SqlValue.FromString(value);

    /// <summary>A value a job or task may not have (yet): NULL, shown as <c>\N</c>, when absent, as Doris shows it.</summary>
    private static SqlValue OrNull(string? value) => string.IsNullOrEmpty(value) ? SqlValue.Null : SqlValue.FromString(value);

    private static SqlValue Time(DateTime? utc, TimeZoneInfo zone) =>
        utc is { } value ? SqlValue.FromDateTime(WholeSeconds(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc), zone))) : SqlValue.Null;

    /// <summary>DATETIME columns hold whole seconds, as Doris shows job times.</summary>
    private static DateTime WholeSeconds(DateTime local) => new(local.Ticks - (local.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified);

    private static ImmutableArray<ColumnSchema> Columns(params (string Name, DataType Type)[] columns) =>
        [.. columns.Select(c => new ColumnSchema(c.Name, c.Type, Nullable: true, IsKey: false))];
}
