using ContinuousLoad.Durable;
using ContinuousLoad.Durable.History;
using ContinuousLoad.Durable.Replay;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContinuousLoad.Tests.Durable;

/// <summary>Runs turns of one instance through the executor by hand: the history it builds is what a store would keep.</summary>
internal sealed class TurnDriver
{
    public static readonly DateTime Epoch = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private readonly OrchestrationExecutor _executor;
    private int _executions = 1;

    public TurnDriver(ITaskOrchestrator orchestrator, string name = "Test")
    {
        _executor = new OrchestrationExecutor(n => n.Equals(new TaskName(name)) ? orchestrator : null, DataConverter.Default, NullLoggerFactory.Instance);
    }

    public List<HistoryEvent> History { get; private set; } = [];

    public string ExecutionId { get; private set; } = "e1";

    public DateTime Now { get; set; } = Epoch;

    public TurnResult Run(params HistoryEvent[] events)
    {
        var result = _executor.Execute("instance-1", ExecutionId, History, events, Now, () => $"e{++_executions}");
        History = result.NewExecution ? [.. result.History] : [.. History, .. result.History];
        ExecutionId = result.ExecutionId;
        Now += TimeSpan.FromSeconds(1);
        return result;
    }

    public TurnResult Start(object? input = null, string name = "Test") =>
        Run(new ExecutionStartedEvent(name, DataConverter.Default.Serialize(input), ExecutionId) { Timestamp = Now });

    public static string? Json(object? value) => DataConverter.Default.Serialize(value);
}
