namespace ContinuousLoad.Durable.Replay;

/// <summary>Something a turn decided to do; <see cref="Id"/> is the action's place in the execution's sequence.</summary>
public abstract record OrchestratorAction(int Id);

/// <summary>Run an activity.</summary>
public sealed record ScheduleTaskAction(int Id, TaskName Name, string? Input) : OrchestratorAction(Id);

/// <summary>Wake the instance at <see cref="FireAt"/>.</summary>
public sealed record CreateTimerAction(int Id, DateTime FireAt) : OrchestratorAction(Id);

/// <summary>Raise an event on another instance.</summary>
public sealed record SendEventAction(int Id, string InstanceId, string Name, string? Input) : OrchestratorAction(Id);
