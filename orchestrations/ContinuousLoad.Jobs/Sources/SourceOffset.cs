using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContinuousLoad.Jobs.Sources;

/// <summary>
/// Where a job has read its source up to — the position it checkpoints. It travels typed in the job's
/// orchestration state and in the label's attachment committed with each task's data (the <c>kind</c>
/// property tells which source's offset it is), and as <see cref="ToDoris"/> in <c>jobs()</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(S3Offset), S3Offset.Kind)]
[JsonDerivedType(typeof(Cdc.PostgresOffset), Cdc.PostgresOffset.Kind)]
[JsonDerivedType(typeof(Cdc.MySqlOffset), Cdc.MySqlOffset.Kind)]
public abstract record SourceOffset
{
    /// <summary>The offset as committed with a task's label (<see cref="Read"/> reads it back).</summary>
    public static string Write(SourceOffset offset) => JsonSerializer.Serialize(offset);

    /// <returns>The offset a label's attachment records; null when it records none (or one written before attachments were typed).</returns>
    public static SourceOffset? Read(string? attachment)
    {
        if (attachment is null || !attachment.StartsWith("{\"kind\"", StringComparison.Ordinal))
        {
            return null;
        }

        return JsonSerializer.Deserialize<SourceOffset>(attachment);
    }

    /// <summary>The offset as Doris shows it (<c>CurrentOffset</c>) and as it is committed with the data.</summary>
    public abstract string ToDoris();

    /// <summary>Whether this offset lies beyond <paramref name="other"/> (null: the beginning).</summary>
    public abstract bool IsAfter(SourceOffset? other);

    /// <summary>Whether the job ends here (a CDC job with <c>offset = snapshot</c> after its last range): it is then FINISHED.</summary>
    public virtual bool IsFinished => false;

    /// <summary>A task's range from <paramref name="start"/> (null: the beginning) to this offset, as <c>tasks().RunningOffset</c>.</summary>
    public abstract string RangeFrom(SourceOffset? start);
}
