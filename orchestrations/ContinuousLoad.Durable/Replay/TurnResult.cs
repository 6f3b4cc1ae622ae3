using ContinuousLoad.Durable.History;

namespace ContinuousLoad.Durable.Replay;

/// <summary>
/// What one turn decided, ready to be committed in one store transaction: the history to append (or,
/// after continue-as-new, the new execution's whole history), the actions to dispatch, and the
/// instance's new state.
/// </summary>
public sealed record TurnResult
{
    public required string ExecutionId { get; init; }

    /// <summary>True when the turn continued as new: <see cref="History"/> replaces the old execution's.</summary>
    public bool NewExecution { get; init; }

    /// <summary>The serialized input of the (new) execution, when <see cref="NewExecution"/>.</summary>
    public string? Input { get; init; }

    public required IReadOnlyList<HistoryEvent> History { get; init; }

    /// <summary>Activities and timers of the current execution, and events sent (from every generation of the turn).</summary>
    public required IReadOnlyList<OrchestratorAction> Actions { get; init; }

    /// <summary>Messages for this instance to be picked up by a later turn (a new execution not started yet).</summary>
    public IReadOnlyList<HistoryEvent> SelfMessages { get; init; } = [];

    public OrchestrationRuntimeStatus Status { get; init; }

    public string? Output { get; init; }

    public string? CustomStatus { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    public bool IsTerminal => Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
