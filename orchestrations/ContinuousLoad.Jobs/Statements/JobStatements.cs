using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Ingest.Pipeline;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Jobs.Orchestration;
using ContinuousLoad.Jobs.Secrets;
using ContinuousLoad.Jobs.Sources;
using ContinuousLoad.Jobs.Sources.Cdc;
using ContinuousLoad.Jobs.Views;
using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Statements;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Jobs.Statements;

/// <summary>
/// CREATE / ALTER / PAUSE / RESUME / DROP JOB (spec B.1, B.11). Everything is validated before the job
/// hears of it; secrets are sealed before anything is stored; commands are answered once the job has
/// applied them.
/// </summary>
public sealed class JobStatements(JobDirectory jobs, JobSecrets secrets, ITableStoreSource stores, JobSources sources, JobSettings settings, TimeProvider clock)
{
    public const string ReservedPrefix = "inner_";

    /// <returns>The answer, or null when the statement is not about jobs.</returns>
    /// <exception cref="DorisException">The statement cannot run; the message says why.</exception>
    public async Task<StatementResult?> TryExecuteAsync(Statement statement, SessionContext session, CancellationToken cancellationToken) => statement switch
    {
        CreateJobStatement create => await CreateAsync(create, session, cancellationToken),
        AlterJobStatement alter => await AlterAsync(alter, session, cancellationToken),
        PauseJobStatement pause => await CommandAsync(pause.JobName, id => new PauseJob(id), cancellationToken),
        ResumeJobStatement resume => await CommandAsync(resume.JobName, id => new ResumeJob(id), cancellationToken),
        DropJobStatement drop => await DropAsync(drop, cancellationToken),
        _ => null,
    };

    private async Task<StatementResult> CreateAsync(CreateJobStatement create, SessionContext session, CancellationToken cancellationToken)
    {
        var name = JobName(create.Name);
        var properties = create.Properties.Where(p => !IsOffset(p)).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        var existing = await jobs.ListAsync(cancellationToken);
        if (existing.Any(j => j.Definition.Name == name))
        {
            throw new DorisException($"Job name '{name}' already exists");
        }

        if (existing.Count >= settings.MaxStreamingJobNum)
        {
            throw new DorisException($"The number of streaming jobs exceeds the limit of {settings.MaxStreamingJobNum} (max_streaming_job_num)");
        }

        // Ids are creation times in milliseconds, as Doris's look; two jobs created in one millisecond still differ.
        var now = clock.GetUtcNow();
        var id = Math.Max(now.ToUnixTimeMilliseconds(), existing.Select(j => j.Definition.Id).DefaultIfEmpty().Max() + 1);
        var (database, table, body) = create.Insert is { } insert
            ? (session.DatabaseOf(insert.Table), insert.Table.Name, (Func<string, string>)(db => QualifiedSql(insert, db)))
            : (create.Sync!.TargetDatabase, "", _ => SqlWriter.Write(create.Sync));
        var definition = new JobDefinition(id, name, session.User, now.UtcDateTime, create.Comment ?? "", database, table, body(database), properties);
        var (job, start) = await ValidateAsync(definition, Compile(definition, create.Insert, create.Sync), cancellationToken);
        var offset = StartOffset(job, create.Properties) ?? start;
        await jobs.StartAsync(new JobState { Version = JobState.CurrentVersion, Definition = secrets.Seal(definition), Offset = offset, Floor = offset },
            cancellationToken);
        return ExecResult.Done;
    }

    private async Task<StatementResult> AlterAsync(AlterJobStatement alter, SessionContext session, CancellationToken cancellationToken)
    {
        var state = await FindAsync(alter.Name, cancellationToken);
        if (state.Status != JobStatus.Paused)
        {
            throw new DorisException($"Only PAUSED job can be altered; job '{alter.Name}' is {JobViews.StatusText(state.Status)}");
        }

        if (alter.Properties.IsEmpty && alter.Insert is null && alter.Sync is null)
        {
            throw new DorisException("No properties or sql changed in ALTER JOB");
        }

        var current = secrets.Open(state.Definition);
        if (current.MirrorsDatabase ? alter.Insert is not null : alter.Sync is not null)
        {
            throw new DorisException(current.MirrorsDatabase
                ? $"Job '{alter.Name}' synchronizes database {current.Database}; it cannot become a job that inserts into one table"
                : $"Job '{alter.Name}' loads table {current.Database}.{current.Table}; it cannot become a database-level job");
        }

        var properties = new Dictionary<string, string>(current.Properties, StringComparer.OrdinalIgnoreCase);
        foreach (var property in alter.Properties.Where(p => !IsOffset(p)))
        {
            properties[property.Key] = property.Value;
        }

        var altered = current with { Properties = properties };
        InsertStatement? insert = null;
        var sync = alter.Sync;
        if (current.MirrorsDatabase)
        {
            sync ??= SqlParser.ParseDatabaseSync(current.BodySql, SqlLimits.Trusted);
            if (!sync.TargetDatabase.Equals(current.Database, StringComparison.Ordinal))
            {
                throw new DorisException($"The target database of a streaming job cannot change: job '{current.Name}' loads into {current.Database}");
            }

            altered = altered with { BodySql = SqlWriter.Write(sync) };
        }
        else
        {
            insert = alter.Insert ?? (InsertStatement)SqlParser.ParseStatement(current.BodySql, SqlLimits.Trusted);
            var database = session.DatabaseOf(insert.Table);
            if (!database.Equals(current.Database, StringComparison.Ordinal) || !insert.Table.Name.Equals(current.Table, StringComparison.Ordinal))
            {
                throw new DorisException($"The target table of a streaming job cannot change: job '{current.Name}' loads {current.Database}.{current.Table}");
            }

            altered = altered with { BodySql = QualifiedSql(insert, database) };
        }

        // What the job reads is compared before the new source is checked: another table is refused as such, not as missing.
        var before = CompiledJob.Compile(current);
        var compiled = Compile(altered, insert, sync);
        if (compiled.Source.Identity != before.Source.Identity)
        {
            throw new DorisException(before.Source.IdentityChanged(current.Name));
        }

        var (after, _) = await ValidateAsync(altered, compiled, cancellationToken);

        var offset = alter.Properties.Any(IsOffset) ? StartOffset(after, alter.Properties, altering: true) : null;

        if (JobProperties.Of(altered).Ordering != JobProperties.Of(current).Ordering)
        {
            throw new DorisException($"{JobProperties.OrderingKey} of a streaming job cannot change: job '{current.Name}' would load other objects than it remembers");
        }

        var sameProperties = properties.Count == current.Properties.Count
            && properties.All(p => current.Properties.TryGetValue(p.Key, out var value) && value == p.Value);
        if (sameProperties && altered.BodySql == current.BodySql && !alter.Properties.Any(IsOffset))
        {
            throw new DorisException("No properties or sql changed in ALTER JOB");
        }

        var sealedDefinition = secrets.Seal(altered);
        return await CommandAsync(alter.Name, id => new AlterJob(id, sealedDefinition, offset, alter.Properties.Any(IsOffset)), cancellationToken);
    }

    private async Task<StatementResult> DropAsync(DropJobStatement drop, CancellationToken cancellationToken)
    {
        if (await jobs.FindAsync(drop.JobName, cancellationToken) is null)
        {
            return drop.IfExists ? ExecResult.Done : throw UnknownJob(drop.JobName);
        }

        await CommandAsync(drop.JobName, id => new DropJob(id), cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.CommandTimeout);
        var stopped = await jobs.RemoveAsync(drop.JobName, timeout.Token);
        if (stopped?.CurrentLedger() is not null)
        {
            await ForgetLedgersAsync(stopped, cancellationToken);
        }

        if (stopped is not null)
        {
            await DropAtSourceAsync(CompiledJob.Compile(secrets.Open(stopped.Definition)), cancellationToken);
        }

        return ExecResult.Done;
    }

    /// <summary>What the job created at its source (a PostgreSQL slot and publication) goes with it; a user's own are kept.</summary>
    private async Task DropAtSourceAsync(CompiledJob job, CancellationToken cancellationToken)
    {
        try
        {
            await sources.For(job).DropAsync(job, cancellationToken);
        }
        catch (DorisException e)
        {
            throw new DorisException($"Job '{job.Definition.Name}' is dropped, but what it created at its source could not be removed: {e.Message}. " +
                                     "Remove it by hand (for PostgreSQL: its replication slot and publication, named cl_job_... and clpub_job_...)");
        }
    }

    /// <summary>
    /// The offset a CREATE or ALTER sets with the <c>offset</c> property: for an S3 job the key to continue after. A
    /// cdc_stream job starts from its <c>offset</c> parameter; an ALTER may move it to a position of its log
    /// (MySQL <c>{"file":...,"pos":...}</c> or <c>{"gtids":...}</c>, PostgreSQL <c>{"lsn":...}</c>).
    /// </summary>
    private static SourceOffset? StartOffset(CompiledJob job, IEnumerable<Property> properties, bool altering = false)
    {
        var given = properties.Where(IsOffset).Select(p => p.Value).LastOrDefault();
        if (given is null)
        {
            return null;
        }

        if (job.Source is not CdcStreamSource cdc)
        {
            return JobProperties.Parse([new Property("offset", given)]).OffsetFileName is { Length: > 0 } key ? new S3Offset(key) : null;
        }

        if (!altering)
        {
            throw new DorisException("A cdc_stream job starts from the offset parameter of cdc_stream(...); ALTER JOB moves it with the offset property");
        }

        return CdcStart.Parse(given, cdc.Type) switch
        {
            { Binlog.Position: { } position } => MySqlOffset.At(position),
            { Binlog.GtidState: { } gtids } => new MySqlOffset(null, 0, gtids),
            { Lsn: { } lsn } => new PostgresOffset(lsn.Value),
            _ => throw new DorisException($"Invalid offset '{given}' for ALTER JOB: a cdc_stream job moves to a position of its log " +
                                          (cdc.Type == CdcSourceType.MySql ? "({\"file\":\"...\",\"pos\":\"...\"} or {\"gtids\":\"...\"})" : "({\"lsn\":\"...\"})") +
                                          "; to take a new snapshot, drop the job and create it again"),
        };
    }

    /// <summary>A dropped job's memory of loaded keys, every generation of it, is of no use to anyone.</summary>
    private async Task ForgetLedgersAsync(JobState state, CancellationToken cancellationToken)
    {
        var store = await stores.GetAsync(cancellationToken);
        if (!await store.DatabaseExistsAsync(state.Definition.Database, cancellationToken))
        {
            return;
        }

        for (var generation = 0; generation <= state.LedgerGeneration; generation++)
        {
            await store.ForgetLedgerAsync(state.Definition.Database, state.Definition.LedgerOf(generation), cancellationToken);
        }
    }

    /// <summary>Raises the command and waits until the job's state says it was applied.</summary>
    private async Task<StatementResult> CommandAsync(string name, Func<string, JobCommand> create, CancellationToken cancellationToken)
    {
        var state = await FindAsync(name, cancellationToken);
        var command = create(Guid.NewGuid().ToString("N"));
        if (command is ResumeJob && state.Status != JobStatus.Paused)
        {
            throw new DorisException($"Only PAUSED job can be resumed; job '{name}' is {JobViews.StatusText(state.Status)}");
        }

        await jobs.SendAsync(state.Definition, command, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.CommandTimeout);
        try
        {
            while (await jobs.FindAsync(name, timeout.Token) is { } current && current.LastCommandId != command.Id)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DorisException($"Job '{name}' did not apply {command.Statement} within {settings.CommandTimeout.TotalSeconds:0} seconds; it will when its current step ends");
        }

        return ExecResult.Done;
    }

    private static CompiledJob Compile(JobDefinition definition, InsertStatement? insert, DatabaseSyncSource? sync) =>
        insert is not null ? CompiledJob.Compile(definition, insert) : CompiledJob.Compile(definition, sync!);

    /// <summary>
    /// Checks everything a task will need: the target, the source's parameters (and the source itself), the properties and
    /// the SELECT's fit. A database-level job's source check creates the target tables it lacks.
    /// </summary>
    /// <returns>The job, and where the source says a new job starts (null: at its first plan).</returns>
    private async Task<(CompiledJob Job, SourceOffset? Start)> ValidateAsync(JobDefinition definition, CompiledJob job, CancellationToken cancellationToken)
    {
        var store = await stores.GetAsync(cancellationToken);
        if (!await store.DatabaseExistsAsync(definition.Database, cancellationToken))
        {
            throw DorisException.UnknownDatabase(definition.Database);
        }

        if (definition.MirrorsDatabase)
        {
            return (job, await sources.For(job).CheckAsync(job, null, cancellationToken));
        }

        var table = await store.FindTableAsync(definition.Database, definition.Table, cancellationToken)
            ?? throw DorisException.UnknownTable(definition.Database, definition.Table);
        var options = job.LoadOptionsFor(table);
        if (!options.SourceNamesFromHeader)
        {
            try
            {
                LoadPlan.Build(table, options, new Sql.Evaluation.EvaluationContext(settings.TimeZone, clock.GetUtcNow().UtcDateTime));
            }
            catch (LoadRequestException e)
            {
                throw new DorisException(e.Message);
            }
        }

        return (job, await sources.For(job).CheckAsync(job, options, cancellationToken));
    }

    private async Task<JobState> FindAsync(string name, CancellationToken cancellationToken) =>
        await jobs.FindAsync(name, cancellationToken) ?? throw UnknownJob(name);

    private static DorisException UnknownJob(string name) => new($"Job '{name}' does not exist");

    /// <summary>The INSERT as stored: its table always names its database, so the job does not depend on the session's.</summary>
    private static string QualifiedSql(InsertStatement insert, string database) =>
        SqlWriter.Write(insert with { Table = new QualifiedName(database, insert.Table.Name) });

    private static bool IsOffset(Property property) => property.Key.Equals("offset", StringComparison.OrdinalIgnoreCase);

    private static string JobName(string name)
    {
        if (name.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new DorisException($"Job name '{name}' is reserved: names starting with {ReservedPrefix} are for internal jobs");
        }

        try
        {
            return Identifiers.Table(name);
        }
        catch (DorisException)
        {
            throw new DorisException($"Incorrect job name '{name}'. A job name starts with a letter and holds only letters, digits, '_' and '-' (at most {Identifiers.MaxBytes} characters)");
        }
    }
}
