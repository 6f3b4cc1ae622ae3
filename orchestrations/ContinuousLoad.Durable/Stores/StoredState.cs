using System.Text.Json;
using ContinuousLoad.Durable.Client;

namespace ContinuousLoad.Durable.Stores;

/// <summary>How both stores write statuses and failure details, and read an instance row back.</summary>
internal static class StoredState
{
    public static readonly string[] TerminalStatuses =
        [nameof(OrchestrationRuntimeStatus.Completed), nameof(OrchestrationRuntimeStatus.Failed), nameof(OrchestrationRuntimeStatus.Terminated), nameof(OrchestrationRuntimeStatus.Canceled)];

    /// <summary>The terminal statuses as an SQL list: <c>('Completed', 'Failed', ...)</c>.</summary>
    public static readonly string TerminalList = $"({string.Join(", ", TerminalStatuses.Select(s => $"'{s}'"))})";

    /// <summary>How long an abandoned turn's messages stay invisible before the next attempt.</summary>
    public static readonly TimeSpan AbandonedTurnRetry = TimeSpan.FromSeconds(1);

    public static bool IsTerminal(OrchestrationRuntimeStatus status) => TerminalStatuses.Contains(status.ToString());

    public static OrchestrationRuntimeStatus Status(string text) => Enum.Parse<OrchestrationRuntimeStatus>(text);

    public static string? Failure(TaskFailureDetails? failure) => failure is null ? null : JsonSerializer.Serialize(failure);

    public static TaskFailureDetails? Failure(string? json) => json is null ? null : JsonSerializer.Deserialize<TaskFailureDetails>(json);

    /// <summary>An instance row: name, id, status, created, updated, input, output, custom status, failure, execution.</summary>
    public static OrchestrationMetadata Metadata(string name, string instanceId, string status, DateTimeOffset created, DateTimeOffset updated,
        string? input, string? output, string? customStatus, string? failure, string executionId) =>
        new(name, instanceId)
        {
            RuntimeStatus = Status(status),
            CreatedAt = created,
            LastUpdatedAt = updated,
            SerializedInput = input,
            SerializedOutput = output,
            SerializedCustomStatus = customStatus,
            FailureDetails = Failure(failure),
            ExecutionId = executionId,
        };
}
