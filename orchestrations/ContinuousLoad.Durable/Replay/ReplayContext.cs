using ContinuousLoad.Durable.History;
using Microsoft.Extensions.Logging;

namespace ContinuousLoad.Durable.Replay;

/// <summary>
/// The orchestration context while one execution is replayed and advanced: actions take ids from one
/// sequence, history's scheduling events must match them, completions finish the open tasks, external
/// events go to the oldest live waiter of their name or wait in a buffer. Single-threaded by design.
/// </summary>
internal sealed partial class ReplayContext : TaskOrchestrationContext
{
    private readonly ITaskOrchestrator _orchestrator;
    private readonly DataConverter _converter;
    private readonly ILoggerFactory _loggers;
    private readonly InlineSynchronizationContext _scheduler = new();
    private readonly SortedDictionary<int, OrchestratorAction> _unmatched = [];
    private readonly Dictionary<int, TaskCompletionSource<TaskOutcome>> _openTasks = [];
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<string?>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<(long Arrival, string? Input)>> _buffered = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _held = [];
    private int _nextActionId;
    private int _guidCounter;
    private long _arrivals;
    private string? _input;
    private Task<object?>? _run;

    public ReplayContext(TaskName name, string instanceId, ITaskOrchestrator orchestrator, DataConverter converter, ILoggerFactory loggers)
    {
        Name = name;
        InstanceId = instanceId;
        _orchestrator = orchestrator;
        _converter = converter;
        _loggers = loggers;
    }

    public override TaskName Name { get; }

    public override string InstanceId { get; }

    public override DateTime CurrentUtcDateTime => _now;

    public override bool IsReplaying => _replaying;

    /// <summary>The serialized custom status the orchestrator last set.</summary>
    public string? CustomStatus { get; private set; }

    /// <summary>Set when the orchestrator asked to continue as new.</summary>
    public (string? Input, bool PreserveEvents)? ContinueAsNewRequest { get; private set; }

    public bool Suspended { get; private set; }

    /// <summary>Set when a terminate request arrived: the execution is over whatever it waits for.</summary>
    public string? TerminationReason { get; private set; }

    public bool Terminated { get; private set; }

    /// <summary>The orchestrator function's own task (null until the execution started).</summary>
    public Task<object?>? Run => _run;

    /// <summary>
    /// True when orchestrator code awaited something that is not a durable task: a continuation came from
    /// another thread, or the function is still running with no activity, timer or event to wait for.
    /// </summary>
    public bool AwaitsSomethingElse =>
        _scheduler.PostedFromElsewhere || (_run is { IsCompleted: false } && _openTasks.Count == 0 && _waiters.Values.All(w => w.Count == 0) && !Suspended);

    /// <summary>Activities and timers whose outcome has not arrived.</summary>
    public int OpenTasks => _openTasks.Count;

    /// <summary>The actions history has not recorded yet: this turn's decisions, in id order.</summary>
    public IEnumerable<OrchestratorAction> NewActions => _unmatched.Values;

    public override T? GetInput<T>() where T : default => _converter.Deserialize<T>(_input);

    public override void SetCustomStatus(object? customStatus) => CustomStatus = _converter.Serialize(customStatus);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        ContinueAsNewRequest = (_converter.Serialize(newInput), preserveUnprocessedEvents);

    public override Guid NewGuid() => DeterministicGuid.Create($"{InstanceId}_{CurrentUtcDateTime:o}_{_guidCounter++}");

    public override ILogger CreateReplaySafeLogger(string categoryName) => new ReplaySafeLogger(_loggers.CreateLogger(categoryName), () => _replaying);

    /// <summary>Events still waiting in buffers, in arrival order: carried into the next execution.</summary>
    public IEnumerable<(string Name, string? Input)> UnconsumedEvents() =>
        _buffered.SelectMany(b => b.Value.Select(e => (b.Key, e.Arrival, e.Input))).OrderBy(e => e.Arrival).Select(e => (e.Key, e.Input));

    private int NextActionId() => _nextActionId++;

    /// <summary>An activity or timer outcome: the result, or why it failed.</summary>
    internal readonly record struct TaskOutcome(int Id, string? Result, TaskFailureDetails? Failure);
}
