namespace ContinuousLoad.Ingest.Formats.Json;

/// <summary>
/// How a JSON body holds rows: one value per line or one document; a top-level array of rows
/// (<see cref="StripOuterArray"/>); a <see cref="Root"/> to start from; and either simple mode (keys
/// name columns) or <see cref="Paths"/> bound in order to the wanted columns.
/// </summary>
public sealed record JsonFormat(bool ReadByLine, bool StripOuterArray, JsonPath? Root, IReadOnlyList<JsonPath>? Paths, byte[] LineDelimiter)
{
    /// <summary>Doris caps a whole-document JSON body at 100 MB (lines are unlimited).</summary>
    public const long MaxDocumentBytes = 100L * 1024 * 1024;
}
