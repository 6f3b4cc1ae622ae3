using System.Text.Json;

namespace ContinuousLoad.Jobs.Activities;

/// <summary>An S3 job's offset as Doris shows it and as it is committed with each task's data: <c>{"fileName":"key"}</c>.</summary>
public static class JobOffset
{
    public static string Of(string? fileName) => fileName is null ? "" : JsonSerializer.Serialize(new { fileName });

    public static string Range(string? start, string end) => JsonSerializer.Serialize(new { startFileName = start ?? "", endFileName = end });
}
