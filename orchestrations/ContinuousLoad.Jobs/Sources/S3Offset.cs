using System.Text.Json;
using ContinuousLoad.Jobs.Definitions;

namespace ContinuousLoad.Jobs.Sources;

/// <summary>An S3 job's offset: the key of the last object loaded; keys are compared byte by byte, as S3 lists them.</summary>
public sealed record S3Offset(string FileName) : SourceOffset
{
    public const string Kind = S3JobSource.SourceKind;

    /// <summary><c>{"fileName":"key"}</c>, Doris's shape.</summary>
    public override string ToDoris() => JsonSerializer.Serialize(new { fileName = FileName });

    public override bool IsAfter(SourceOffset? other) => other is not S3Offset previous || string.CompareOrdinal(FileName, previous.FileName) > 0;

    public override string RangeFrom(SourceOffset? start) =>
        JsonSerializer.Serialize(new { startFileName = (start as S3Offset)?.FileName ?? "", endFileName = FileName });
}
