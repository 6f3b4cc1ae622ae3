using System.Globalization;
using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace ContinuousLoad.Durable.Sqlite;

/// <summary>
/// DurableTask.Core's orchestration service on one SQLite file — the embedded, zero-setup backend.
/// Built on durabletask-mssql's design: an instance is leased with a random token that fences every
/// completion; a completion (history, new activities, timers, messages, the instance's state) is one
/// transaction; a durable timer is a message that becomes visible at its time; a message delivered too
/// often is poison and fails its activity or instance with the reason. Messages of an execution that
/// is no longer current (a timer that lost its race before continue-as-new) are dropped, never replayed
/// into the next generation. Work is signalled in-process; another process on the same file is found
/// by polling.
/// </summary>
public sealed partial class SqliteOrchestrationService : IOrchestrationService, IOrchestrationServiceClient, IAsyncDisposable
{
    private readonly SqliteDatabase _database;
    private readonly SqliteBackendOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly AsyncSignal _orchestrationWork = new();
    private readonly AsyncSignal _activityWork = new();
    private readonly AsyncSignal _changes = new();

    public SqliteOrchestrationService(SqliteBackendOptions options, ILoggerFactory loggers, TimeProvider? clock = null)
    {
        _options = options;
        _database = new SqliteDatabase(options.Path);
        _clock = clock ?? TimeProvider.System;
        _logger = loggers.CreateLogger<SqliteOrchestrationService>();
    }

    public int TaskOrchestrationDispatcherCount => 1;

    public int MaxConcurrentTaskOrchestrationWorkItems => _options.MaxConcurrentOrchestrations;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

    public int TaskActivityDispatcherCount => 1;

    public int MaxConcurrentTaskActivityWorkItems => _options.MaxConcurrentActivities;

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private long NowMs => UnixMs.Of(Now);

    public Task CreateAsync() => CreateIfNotExistsAsync();

    public async Task CreateAsync(bool recreateInstanceStore)
    {
        if (recreateInstanceStore)
        {
            await DeleteAsync();
        }

        await CreateIfNotExistsAsync();
    }

    /// <summary>Applies the schema scripts this file has not seen, in order, each once.</summary>
    public Task CreateIfNotExistsAsync() => _database.WriteAsync(transaction =>
    {
        transaction.Execute("CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
        var applied = transaction.Long("SELECT coalesce(max(version), 0) FROM schema_versions") ?? 0;
        foreach (var (version, sql) in SqliteSchema.Scripts.Where(s => s.Version > applied))
        {
            transaction.Execute(sql);
            transaction.Execute("INSERT INTO schema_versions (version, applied_at) VALUES ($v, $now)", ("$v", version), ("$now", NowMs));
        }

        return true;
    });

    public Task DeleteAsync() => DeleteAsync(deleteInstanceStore: true);

    public Task DeleteAsync(bool deleteInstanceStore) => _database.WriteAsync(transaction =>
    {
        transaction.Execute("DELETE FROM tasks; DELETE FROM messages; DELETE FROM history; DELETE FROM instances;");
        return true;
    });

    public Task StartAsync() => CreateIfNotExistsAsync();

    public Task StopAsync() => Task.CompletedTask;

    public Task StopAsync(bool isForced) => Task.CompletedTask;

    /// <summary>A turn takes every message of its instance that is due; history is replaced at continue-as-new, never split.</summary>
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => 1;

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => exception is OperationCanceledException ? 0 : 1;

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>
    /// Waits for work: an in-process signal, the next item's due time, or the polling interval (another
    /// process may add work to the file), whichever comes first — never past <paramref name="deadline"/>.
    /// </summary>
    private async Task WaitForWorkAsync(Task signal, Func<Task<long?>> nextDue, DateTime deadline, CancellationToken cancellationToken)
    {
        var wait = _options.MaxPollingInterval;
        if (await nextDue() is { } due)
        {
            var until = UnixMs.ToUtc(due) - Now;
            wait = until < wait ? until : wait;
        }

        var left = deadline - Now;
        wait = left < wait ? left : wait;
        if (wait > TimeSpan.Zero)
        {
            await Task.WhenAny(signal, Task.Delay(wait, _clock, cancellationToken));
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private DateTime Deadline(TimeSpan receiveTimeout) =>
        receiveTimeout == Timeout.InfiniteTimeSpan || receiveTimeout > TimeSpan.FromDays(1) ? DateTime.MaxValue : Now + receiveTimeout;

    private static string NewToken() => Guid.NewGuid().ToString("N");

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
