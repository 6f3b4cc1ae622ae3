using System.Text.Json.Serialization;

namespace ContinuousLoad.Jobs.Sources;

/// <summary>
/// Where a job has read its source up to — the position it checkpoints. It travels typed in the job's
/// orchestration state (the <c>kind</c> property tells which source's offset it is) and, as
/// <see cref="ToDoris"/>, in the label's attachment committed with each task's data and in <c>jobs()</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(S3Offset), S3Offset.Kind)]
[JsonDerivedType(typeof(Cdc.PostgresOffset), Cdc.PostgresOffset.Kind)]
public abstract record SourceOffset
{
    /// <summary>The offset as Doris shows it (<c>CurrentOffset</c>) and as it is committed with the data.</summary>
    public abstract string ToDoris();

    /// <summary>Whether this offset lies beyond <paramref name="other"/> (null: the beginning).</summary>
    public abstract bool IsAfter(SourceOffset? other);

    /// <summary>A task's range from <paramref name="start"/> (null: the beginning) to this offset, as <c>tasks().RunningOffset</c>.</summary>
    public abstract string RangeFrom(SourceOffset? start);
}
