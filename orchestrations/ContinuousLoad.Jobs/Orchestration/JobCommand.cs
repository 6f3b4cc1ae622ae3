using System.Text.Json;
using System.Text.Json.Serialization;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Jobs.Sources;

namespace ContinuousLoad.Jobs.Orchestration;

/// <summary>
/// A statement's instruction to a running job, raised as its <c>control</c> event: the closed set of
/// PAUSE, RESUME, ALTER and DROP. <see cref="Id"/> comes back in the job's state once applied, so the
/// statement answers only when the job has done it.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "command")]
[JsonDerivedType(typeof(PauseJob), "pause")]
[JsonDerivedType(typeof(ResumeJob), "resume")]
[JsonDerivedType(typeof(AlterJob), "alter")]
[JsonDerivedType(typeof(DropJob), "drop")]
public abstract record JobCommand(string Id)
{
    public const string EventName = "control";

    /// <summary>The statement's name, for messages.</summary>
    [JsonIgnore]
    public abstract string Statement { get; }

    /// <summary>
    /// The event payload: serialized as a <see cref="JobCommand"/>, so the kind travels with it (a client
    /// serializes an event by its runtime type, which would leave the kind out).
    /// </summary>
    public JsonElement ToEvent() => JsonSerializer.SerializeToElement(this);
}

public sealed record PauseJob(string Id) : JobCommand(Id)
{
    public override string Statement => "PAUSE";
}

public sealed record ResumeJob(string Id) : JobCommand(Id)
{
    public override string Statement => "RESUME";
}

/// <summary>New definition (secrets sealed), and an offset to continue after when ALTER sets one (an empty key: the beginning).</summary>
public sealed record AlterJob(string Id, JobDefinition Definition, SourceOffset? Offset, bool ResetOffset) : JobCommand(Id)
{
    public override string Statement => "ALTER";
}

public sealed record DropJob(string Id) : JobCommand(Id)
{
    public override string Statement => "DROP";
}
