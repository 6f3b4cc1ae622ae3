using System.Data.Common;
using System.Diagnostics;
using ContinuousLoad.Ingest.Body;
using ContinuousLoad.Ingest.ErrorLogs;
using ContinuousLoad.Ingest.Formats;
using ContinuousLoad.Ingest.Formats.Csv;
using ContinuousLoad.Ingest.Formats.Json;
using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Ingest.Pipeline;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Ingest.Loading;

/// <summary>
/// Runs one load the way Doris's Stream Load does: take the label, plan the mapping, stream the body
/// through the format reader and the row assembler into one store transaction, check the filter
/// ratio, then commit data and label together. Any failure rolls everything back and frees the label;
/// the answer always says what happened, in Doris's words.
/// </summary>
public sealed class TableLoader(ITableStore store, ErrorLogFolder errorLogs)
{
    public async Task<LoadResult> LoadAsync(LoadRequest request, TimeZoneInfo sessionTimeZone, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var options = request.Options;
        var result = new LoadResult
        {
            Label = options.Label ?? (options.GroupCommit ? $"group_commit_{Guid.NewGuid():N}" : Guid.NewGuid().ToString()),
            Comment = options.Comment,
            TwoPhaseCommit = options.TwoPhaseCommit,
            GroupCommit = options.GroupCommit,
        };

        var bodies = new List<CountingStream>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            result = await RunAsync(request, result, bodies, new EvaluationContext(options.TimeZone ?? sessionTimeZone, DateTime.UtcNow), timeout.Token);
        }
        catch (LabelAlreadyExistsException e)
        {
            result = result with
            {
                TransactionId = -1,
                Status = LoadStatus.LabelAlreadyExists,
                ExistingJobStatus = e.ExistingJobStatus,
                Message = $"[LABEL_ALREADY_EXISTS]TStatus: errCode = 2, detailMessage = {e.Message}",
            };
        }
        catch (LoadRequestException e)
        {
            result = Failed(result, e.DorisMessage);
        }
        catch (SqlLimitException e)
        {
            result = Failed(result, new LoadRequestException(e.Message).DorisMessage);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = Failed(result, "[CANCELLED]the client went away before the body was complete");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            result = Failed(result, $"[CANCELLED]timeout: the load did not finish within {options.Timeout.TotalSeconds:0} seconds (the timeout header)");
        }
        catch (InvalidDataException e)
        {
            result = Failed(result, $"[DATA_QUALITY_ERROR]{e.Message}");
        }
        catch (IOException e)
        {
            result = Failed(result, $"[CANCELLED]the body could not be read to its end: {e.Message}");
        }
        catch (NewKeyInPartialUpdateException e)
        {
            result = Failed(result, $"[E-7003]{e.Message}");
        }
        catch (DorisException e)
        {
            result = Failed(result, $"[INTERNAL_ERROR]{e.Message}");
        }
        catch (DbException e)
        {
            result = Failed(result, $"[INTERNAL_ERROR]the table store failed: {e.Message}");
        }

        return result with
        {
            LoadBytes = bodies.Sum(b => b.BytesRead),
            Timings = result.Timings with
            {
                Load = clock.Elapsed,
                ReadData = bodies.Aggregate(TimeSpan.Zero, (sum, b) => sum + b.WaitTime),
                ReceiveData = bodies.Aggregate(TimeSpan.Zero, (sum, b) => sum + b.ReceiveTime),
            },
        };
    }

    private async Task<LoadResult> RunAsync(LoadRequest request, LoadResult result, List<CountingStream> bodies, EvaluationContext context,
        CancellationToken cancellationToken)
    {
        var options = request.Options;
        // A load into the tables its bodies name (a database-level job's) has no table of its own to plan ahead.
        var own = request.Table.Length == 0 ? null : await FindTableAsync(request.Database, request.Table, cancellationToken);

        var began = Stopwatch.GetTimestamp();
        await using var transaction = await store.BeginWriteAsync(
            request.Database, result.Label, options.TwoPhaseCommit ? WriteMode.TwoPhase : WriteMode.Direct, cancellationToken);
        var timings = new LoadTimings { BeginTransaction = Stopwatch.GetElapsedTime(began) };
        result = result with { TransactionId = transaction.TransactionId };

        var planned = Stopwatch.GetTimestamp();
        var targets = new Dictionary<string, Target>(StringComparer.OrdinalIgnoreCase);
        if (own is not null)
        {
            targets[own.Name] = Target.Of(own, options, context);
        }

        timings = timings with { Plan = Stopwatch.GetElapsedTime(planned) };

        await using var errors = errorLogs.Create(transaction.TransactionId);
        var written = Stopwatch.GetTimestamp();
        var counters = new LoadCounters();
        var perTable = new SortedDictionary<string, TableRows>(StringComparer.Ordinal);
        await using var pipeline = new LoadPipeline(transaction, errors, cancellationToken);
        await foreach (var input in request.Bodies.WithCancellation(cancellationToken))
        {
            var target = await TargetAsync(request, input.Table ?? own?.Name, targets, context, cancellationToken);
            var bodyOptions = target.Options;
            var body = new CountingStream(input.Stream);
            bodies.Add(body);
            await using var source = input.Rows is { } openRows
                ? openRows(target.DataNames ?? throw new LoadRequestException("a body of rows is read by the names its mapping plans, not by a header line"), target.Table)
                : OpenSource(DecompressingStream.Open(body, input.Compression), bodyOptions, target.DataNames);
            try
            {
                var bodyPlan = target.Plan ?? await HeaderPlanAsync(target.Table, bodyOptions, context, source, cancellationToken);
                var rows = bodyOptions.PathFields.Count == 0
                    ? source
                    : new PathFieldsRowSource(source, bodyPlan.SourceNames.Count - bodyOptions.PathFields.Count,
                        input.PathValues ?? new string?[bodyOptions.PathFields.Count]);
                var assembler = new RowAssembler(bodyPlan, options.StrictMode, context, bodyOptions.Partitions);
                var bodyCounters = await pipeline.ReadAsync(rows, assembler, bodyPlan, input.Rows is null ? RowCheck(bodyOptions, bodyPlan) : null);
                counters.Add(bodyCounters);
                if (input.Table is not null)
                {
                    var before = perTable.GetValueOrDefault(target.Table.Name) ?? new TableRows(0, 0);
                    perTable[target.Table.Name] = new TableRows(before.ScannedRows + bodyCounters.Total, before.FilteredRows + bodyCounters.Filtered);
                }
                if (input.Rows is not null)
                {
                    body.CountRowBytes(source.BytesRead);
                }
            }
            catch (InvalidDataException e) when (input.Name is not null)
            {
                throw new InvalidDataException($"{input.Name}: {e.Message}", e);
            }
        }

        await pipeline.CompleteAsync();
        timings = timings with { WriteData = Stopwatch.GetElapsedTime(written) };
        result = result with
        {
            TotalRows = counters.Total,
            LoadedRows = counters.Loaded,
            FilteredRows = counters.Filtered,
            UnselectedRows = counters.Unselected,
            Tables = perTable.Count == 0 ? null : perTable,
            ErrorLog = errors.HasErrors ? errors.Name : null,
            Timings = timings,
        };

        if (counters.TooManyFiltered(options.MaxFilterRatio))
        {
            return Failed(result, "[DATA_QUALITY_ERROR]too many filtered rows") with { FirstError = errors.FirstError };
        }

        var committed = Stopwatch.GetTimestamp();
        var summary = new LoadSummary(counters.Total, counters.Loaded, counters.Filtered, counters.Unselected, bodies.Sum(b => b.BytesRead), result.ErrorLog)
        {
            Tables = result.Tables,
        };
        await transaction.CommitAsync(new LabelCommit(request.Attachment?.Invoke(), summary.ToJson(), options.Timeout, request.Ledger), cancellationToken);
        return result with { Timings = timings with { CommitAndPublish = Stopwatch.GetElapsedTime(committed) } };
    }

    /// <summary>The table a body loads into, planned once per load: the load's own, or one a body names (<see cref="LoadRequest.OptionsFor"/> maps it).</summary>
    private async Task<Target> TargetAsync(LoadRequest request, string? table, Dictionary<string, Target> targets, EvaluationContext context,
        CancellationToken cancellationToken)
    {
        if (table is null)
        {
            throw new InvalidOperationException("a body of a load without a table of its own must name its table");
        }

        if (!targets.TryGetValue(table, out var target))
        {
            var options = request.OptionsFor ?? throw new InvalidOperationException($"a body names table {table}, but the load maps no other table");
            var schema = await store.FindTableAsync(request.Database, table, cancellationToken) ?? throw new BodyTableMissingException(request.Database, table);
            target = Target.Of(schema, options(schema) with { Label = request.Options.Label }, context);
            targets[table] = target;
        }

        return target;
    }

    /// <summary>A table a load writes, with the options and plan its bodies are read by (no plan: each body's header names its fields).</summary>
    private sealed record Target(TableSchema Table, LoadOptions Options, LoadPlan? Plan)
    {
        /// <summary>The fields a body is read by, without those its path gives; null when the header names them.</summary>
        public List<string>? DataNames { get; } = Plan?.SourceNames.Take(Plan.SourceNames.Count - Options.PathFields.Count).ToList();

        public static Target Of(TableSchema table, LoadOptions options, EvaluationContext context) =>
            new(table, options, options.SourceNamesFromHeader ? null : LoadPlan.Build(table, options, context));
    }

    /// <summary>
    /// <c>csv_with_names</c> read by a job: the body's first line names its fields, so the mapping is
    /// planned per body, with the header's names as the source columns the derived columns read.
    /// </summary>
    private static async Task<LoadPlan> HeaderPlanAsync(TableSchema table, LoadOptions options, EvaluationContext context, IRowSource source,
        CancellationToken cancellationToken)
    {
        var names = new List<ColumnMapping>();
        if (await source.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < source.FieldCount; i++)
            {
                names.Add(new ColumnMapping(System.Text.Encoding.UTF8.GetString(source.Field(i)), null));
            }
        }

        return LoadPlan.Build(table, options with
        {
            Columns = [.. names, .. options.PathFields.Select(n => new ColumnMapping(n, null)), .. options.Columns?.Where(c => c.Expression is not null) ?? []],
        }, context);
    }

    private async Task<TableSchema> FindTableAsync(string database, string table, CancellationToken cancellationToken)
    {
        try
        {
            return await store.FindTableAsync(database, table, cancellationToken)
                ?? throw new LoadRequestException($"unknown table, tableName={table}", errorCode: 7);
        }
        catch (DorisException)
        {
            throw new LoadRequestException($"unknown databases, dbName={database}", errorCode: 7);
        }
    }

    private static LoadResult Failed(LoadResult result, string message) => result with { Status = LoadStatus.Fail, Message = message };

    /// <param name="sourceNames">The JSON keys to read; null when the CSV header names the fields.</param>
    private static IRowSource OpenSource(Stream body, LoadOptions options, IReadOnlyList<string>? sourceNames)
    {
        if (options.Format == LoadFormat.Json)
        {
            return new JsonRowReader(body, options.Json, sourceNames!);
        }

        var skip = options.Format switch
        {
            LoadFormat.CsvWithNames when options.SourceNamesFromHeader => 0,
            LoadFormat.CsvWithNames => 1,
            LoadFormat.CsvWithNamesAndTypes => 2,
            _ => options.SkipLines,
        };
        var reader = new CsvReader(body, options.Csv);
        return skip == 0 ? reader : new SkippingRowSource(reader, skip);
    }

    /// <summary>CSV rows must hold valid UTF-8 and exactly the fields the mapping reads (Doris's words for both).</summary>
    private static Func<IRowSource, string?>? RowCheck(LoadOptions options, LoadPlan plan)
    {
        if (options.Format == LoadFormat.Json)
        {
            return null;
        }

        var expected = plan.SourceNames.Count;
        var separator = Printable(options.Csv.ColumnSeparator);
        var delimiter = Printable(options.Csv.LineDelimiter);
        return row =>
        {
            if (!System.Text.Unicode.Utf8.IsValid(row.RawRow))
            {
                return "Unable to display, only support csv data in utf8 codec, please check the data encoding";
            }

            if (row.FieldCount == expected || (options.ExtraFieldsIgnored && row.FieldCount > expected))
            {
                return null;
            }

            var values = new System.Text.StringBuilder();
            for (var i = 0; i < row.FieldCount; i++)
            {
                values.Append(System.Text.Encoding.UTF8.GetString(row.Field(i))).Append(", ");
            }

            return $"actual column number in csv file is  {(row.FieldCount > expected ? "more than" : "less than")}  schema column number." +
                $"actual number: {row.FieldCount}, schema column number: {expected}; " +
                $"line delimiter: [{delimiter}], column separator: [{separator}], result values:[{values}]";
        };
    }

    /// <summary>A separator as the error log shows it: one line per row, so line breaks and other control bytes are escaped.</summary>
    private static string Printable(byte[] bytes) => string.Concat(System.Text.Encoding.UTF8.GetString(bytes).Select(c => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\t",
        < ' ' => $"\\x{(int)c:X2}",
        _ => c.ToString(),
    }));
}
