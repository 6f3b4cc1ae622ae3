using System.Runtime.CompilerServices;
using System.Text;
using ContinuousLoad.Ingest.ErrorLogs;
using ContinuousLoad.Ingest.Formats.Csv;
using ContinuousLoad.Ingest.Loading;
using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Ingest.Pipeline;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Tables.Sqlite;
using ContinuousLoad.Tables.Statements;
using ContinuousLoad.Testing;

namespace ContinuousLoad.Tests.Ingest;

/// <summary>
/// A load of many short bodies over several tables (a database-level task's shape) through the engine into the
/// embedded store: each table's batch carries on across bodies and tables' unwritten rows are bounded, yet every
/// table ends with each key's last value, and a failed write fails the whole load with nothing kept.
/// </summary>
public sealed class LoadPipelineTests : IAsyncDisposable
{
    private static readonly string[] Tables = ["a", "b", "c"];

    private readonly TemporaryDirectory _directory = new();
    private readonly SqliteTableStore _store;
    private readonly SqlStatementExecutor _executor;
    private readonly SessionContext _session = new("d", new EvaluationContext(TimeZoneInfo.Utc, DateTime.UtcNow));

    public LoadPipelineTests()
    {
        _store = new SqliteTableStore(_directory.Combine("tables"));
        _executor = new SqlStatementExecutor(_store);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Interleaved_bodies_of_three_tables_beyond_the_pending_limit_leave_each_key_at_its_last_value()
    {
        await CreateTablesAsync();
        // 3,000 bodies of 40 rows, cycling over the tables: more rows than the pipeline holds unwritten, so it writes
        // every table's batch out several times, while the same keys are rewritten by later bodies.
        const int bodies = 3_000;
        var expected = Tables.ToDictionary(t => t, _ => new SortedDictionary<int, int>());
        var inputs = new List<(string Table, string Csv)>();
        for (var i = 0; i < bodies; i++)
        {
            var table = Tables[i % Tables.Length];
            var csv = new StringBuilder();
            for (var r = 0; r < 40; r++)
            {
                var key = (i * 7 + r) % 500;
                csv.Append(key).Append(',').Append(i).Append('\n');
                expected[table][key] = i;
            }

            inputs.Add((table, csv.ToString()));
        }

        Assert.True(bodies * 40 > LoadPipeline.PendingLimit);
        var result = await LoadAsync(inputs, []);

        Assert.True(result.Status == LoadStatus.Success, $"{result.Message} {result.FirstError}");
        Assert.Equal(bodies * 40, result.LoadedRows);
        foreach (var table in Tables)
        {
            Assert.Equal(expected[table].Select(e => $"{e.Key},{e.Value}"), await RowsAsync(table));
            Assert.Equal(bodies / Tables.Length * 40, result.Tables![table].ScannedRows);
        }
    }

    [Fact]
    public async Task A_write_that_fails_while_later_bodies_are_read_fails_the_load_and_keeps_nothing()
    {
        await CreateTablesAsync();
        await _executor.ExecuteAsync("INSERT INTO c VALUES (1, 1)", _session, Token);
        // First a partial update that may not add keys, of a key table c lacks: the store refuses that batch when the
        // pipeline writes it out, while the bodies after it are still being read.
        var inputs = new List<(string Table, string Csv)> { ("c", "2,2\n") };
        for (var i = 0; i < 2_000; i++)
        {
            inputs.Add((Tables[i % 2], string.Concat(Enumerable.Range(i * 40, 40).Select(k => $"{k},{i}\n"))));
        }

        var result = await LoadAsync(inputs, new Dictionary<string, string> { ["partial_columns"] = "true", ["partial_update_new_key_behavior"] = "ERROR" });

        Assert.Equal(LoadStatus.Fail, result.Status);
        Assert.StartsWith("[E-7003]", result.Message);
        Assert.Empty(await RowsAsync("a"));
        Assert.Empty(await RowsAsync("b"));
        Assert.Equal(["1,1"], await RowsAsync("c"));
    }

    private async Task CreateTablesAsync()
    {
        await _executor.ExecuteAsync("CREATE DATABASE d", _session, Token);
        foreach (var table in Tables)
        {
            await _executor.ExecuteAsync($"CREATE TABLE {table} (k INT, v INT) UNIQUE KEY(k)", _session, Token);
        }
    }

    /// <summary>Loads each CSV text as a body of rows into its table, all under one label, as a database-level task does.</summary>
    private async Task<LoadResult> LoadAsync(IReadOnlyList<(string Table, string Csv)> inputs, Dictionary<string, string> headers)
    {
        headers["label"] = "many_bodies";
        headers["columns"] = "k, v";
        headers["column_separator"] = ",";
        var options = LoadOptionsParser.Parse(name => headers.GetValueOrDefault(name));
        var loader = new TableLoader(_store, new ErrorLogFolder(_directory.Combine("errors")));
        return await loader.LoadAsync(new LoadRequest("d", "", options, Bodies(inputs, options)) { OptionsFor = _ => options }, TimeZoneInfo.Utc, Token);
    }

    private static async IAsyncEnumerable<LoadBody> Bodies(IReadOnlyList<(string Table, string Csv)> inputs, LoadOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var (table, csv) in inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return LoadBody.OfRows((_, _) => new CsvReader(new MemoryStream(Encoding.UTF8.GetBytes(csv)), options.Csv), table: table);
        }
    }

    private async Task<List<string>> RowsAsync(string table)
    {
        var answer = (RowsResult)await _executor.ExecuteAsync($"SELECT k, v FROM {table} ORDER BY k", _session, Token);
        await using var result = answer.Rows;
        var rows = new List<string>();
        await foreach (var row in result.Rows)
        {
            rows.Add($"{row[0].AsInteger},{row[1].AsInteger}");
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _directory.Dispose();
    }
}
