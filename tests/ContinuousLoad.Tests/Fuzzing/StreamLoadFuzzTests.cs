using ContinuousLoad.Ingest.ErrorLogs;
using ContinuousLoad.Ingest.Loading;
using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Tables.Sqlite;
using ContinuousLoad.Tables.Statements;
using ContinuousLoad.Testing;
using ContinuousLoad.Testing.Fuzzing;

namespace ContinuousLoad.Tests.Fuzzing;

/// <summary>
/// Stream Load under generated and damaged headers and bodies (fixed seeds): headers parse or are refused
/// with a load error; a load through the whole engine into the embedded store ends in Success or Fail with
/// a message — no exception escapes, none hangs, and the store still answers afterwards.
/// </summary>
public sealed class StreamLoadFuzzTests
{
    private static readonly int[] Seeds = [20261207, 11, 2718, 65535, 8080];

    [Fact]
    public void Headers_parse_or_are_refused_with_a_load_error()
    {
        var run = new FuzzRun<FuzzLoad>("load headers", random => new LoadGenerator(random).Next(), load => load.ToString());

        var parsed = run.Run(Seeds, 2_000, load => LoadOptionsParser.Parse(name => load.Headers.GetValueOrDefault(name)), e => e is LoadRequestException);

        Assert.True(parsed > 2_000, $"only {parsed} of 10000 header sets parsed");
    }

    [Fact]
    public async Task Loads_end_in_success_or_a_failure_with_a_message_and_the_store_keeps_answering()
    {
        using var directory = new TemporaryDirectory();
        await using var store = new SqliteTableStore(directory.Combine("tables"));
        var session = new SessionContext("fuzz", new ContinuousLoad.Sql.Evaluation.EvaluationContext(TimeZoneInfo.Utc, DateTime.UtcNow));
        var executor = new SqlStatementExecutor(store);
        await executor.ExecuteAsync("CREATE DATABASE fuzz", session, TestContext.Current.CancellationToken);
        await executor.ExecuteAsync("CREATE TABLE t (k INT, s STRING, d DATETIME, x DECIMAL(10, 2), j JSON) UNIQUE KEY(k)", session, TestContext.Current.CancellationToken);
        var loader = new TableLoader(store, new ErrorLogFolder(directory.Combine("errors")));
        var statuses = new Dictionary<LoadStatus, int>();
        var run = new FuzzRun<FuzzLoad>("loads", random => new LoadGenerator(random).Next(), load => load.ToString());

        run.Run(Seeds, 2_000, load =>
        {
            LoadOptions options;
            try
            {
                options = LoadOptionsParser.Parse(name => load.Headers.GetValueOrDefault(name));
            }
            catch (LoadRequestException)
            {
                return;
            }

            var result = loader.LoadAsync(new LoadRequest("fuzz", "t", options, new MemoryStream(load.Body)), TimeZoneInfo.Utc, CancellationToken.None)
                .GetAwaiter().GetResult();
            Assert.True(result.Status == LoadStatus.Success || result.Message.Length > 0, $"a {result.Status} without a message");
            lock (statuses)
            {
                statuses[result.Status] = statuses.GetValueOrDefault(result.Status) + 1;
            }
        }, _ => false);

        Assert.True(statuses.GetValueOrDefault(LoadStatus.Success) > 1_000, $"only {statuses.GetValueOrDefault(LoadStatus.Success)} loads succeeded");
        Assert.True(statuses.GetValueOrDefault(LoadStatus.Fail) > 500, $"only {statuses.GetValueOrDefault(LoadStatus.Fail)} loads failed");
        var rows = await executor.ExecuteAsync("SELECT count(*) FROM t", session, TestContext.Current.CancellationToken);
        await using var result = ((RowsResult)rows).Rows;
        Assert.NotNull(await result.Rows.FirstAsync(TestContext.Current.CancellationToken));
    }
}
