using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Jobs.Orchestration;

namespace ContinuousLoad.Jobs.Activities;

/// <summary>
/// Load <paramref name="Objects"/> under <paramref name="Label"/>, committing <paramref name="EndFileName"/> as the
/// offset with the data, and the objects' keys in <paramref name="Ledger"/> when the job loads in any order.
/// </summary>
public sealed record LoadBatchRequest(JobDefinition Definition, string Label, IReadOnlyList<PlannedObject> Objects, string EndFileName, string? Ledger = null, long Attempt = 0);
