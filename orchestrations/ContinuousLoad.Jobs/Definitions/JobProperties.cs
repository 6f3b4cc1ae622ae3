using System.Globalization;
using System.Text.Json;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Definitions;

/// <summary>
/// A streaming job's PROPERTIES (spec B.2), validated: <c>max_interval</c>, <c>s3.max_batch_files</c>,
/// <c>s3.max_batch_bytes</c>, <c>session.*</c>, the one-shot <c>offset</c>, and ours: <c>s3.ordering</c>.
/// Unknown keys are refused with Doris's message.
/// </summary>
public sealed record JobProperties(
    TimeSpan MaxInterval,
    int MaxBatchFiles,
    long MaxBatchBytes,
    IReadOnlyDictionary<string, string> Session,
    string? OffsetFileName,
    ObjectOrdering Ordering = ObjectOrdering.Lexicographic)
{
    public const string OrderingKey = "s3.ordering";

    public const long MinBatchBytes = 100L * 1024 * 1024;
    public const long MaxBatchBytesLimit = 10L * 1024 * 1024 * 1024;

    public static JobProperties Default { get; } =
        new(TimeSpan.FromSeconds(10), 256, MaxBatchBytesLimit, new Dictionary<string, string>(), null);

    private static readonly string[] Known = ["max_interval", "s3.max_batch_files", "s3.max_batch_bytes", "offset", OrderingKey];

    /// <summary>The properties a job definition holds, read.</summary>
    public static JobProperties Of(JobDefinition definition) => Parse(definition.Properties.Select(p => new Property(p.Key, p.Value)));

    /// <summary>Properties on top of <paramref name="current"/> (ALTER changes only what it names).</summary>
    /// <exception cref="DorisException">An unknown key or a bad value.</exception>
    public static JobProperties Parse(IEnumerable<Property> properties, JobProperties? current = null)
    {
        var given = properties.ToList();
        var unknown = given.Where(p => !Known.Contains(p.Key, StringComparer.OrdinalIgnoreCase) && !p.Key.StartsWith("session.", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Key).ToList();
        if (unknown.Count > 0)
        {
            throw new DorisException($"Invalid properties: [{string.Join(", ", unknown)}]");
        }

        var result = (current ?? Default) with { OffsetFileName = null };
        var session = new Dictionary<string, string>(result.Session, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in given)
        {
            switch (key.ToLowerInvariant())
            {
                case "max_interval":
                    result = result with { MaxInterval = TimeSpan.FromSeconds(Seconds(key, value)) };
                    break;
                case "s3.max_batch_files":
                    result = result with { MaxBatchFiles = (int)Integer(key, value, 1, 100_000) };
                    break;
                case "s3.max_batch_bytes":
                    result = result with { MaxBatchBytes = Bytes(key, value) };
                    break;
                case "offset":
                    result = result with { OffsetFileName = Offset(value) };
                    break;
                case OrderingKey:
                    result = result with { Ordering = ParseOrdering(value) };
                    break;
                default:
                    session[key["session.".Length..]] = value;
                    break;
            }
        }

        return result with { Session = session };
    }

    /// <summary>The properties as <c>jobs().Properties</c> shows them (the one-shot offset is not kept).</summary>
    public IReadOnlyDictionary<string, string> Shown()
    {
        var shown = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["max_interval"] = ((long)MaxInterval.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            ["s3.max_batch_files"] = MaxBatchFiles.ToString(CultureInfo.InvariantCulture),
            ["s3.max_batch_bytes"] = MaxBatchBytes.ToString(CultureInfo.InvariantCulture),
            [OrderingKey] = Ordering == ObjectOrdering.Any ? "any" : "lexicographic",
        };
        foreach (var (key, value) in Session)
        {
            shown["session." + key] = value;
        }

        return shown;
    }

    private static long Seconds(string key, string value)
    {
        var text = value.Trim();
        if (text.EndsWith('s') || text.EndsWith('S'))
        {
            text = text[..^1];
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 86_400
            ? seconds
            : throw new DorisException($"Invalid value for {key}: '{value}'. Use a whole number of seconds from 1 to 86400, such as 10 or 10s");
    }

    private static long Integer(string key, string value, long min, long max) =>
        long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new DorisException($"Invalid value for {key}: '{value}'. Use a whole number from {min} to {max}");

    /// <summary>Bytes, also with a K/M/G/T suffix (<c>10G</c>), between 100 MB and 10 GB as in Doris.</summary>
    private static long Bytes(string key, string value)
    {
        var text = value.Trim().ToUpperInvariant();
        if (text.EndsWith('B'))
        {
            text = text[..^1];
        }

        var scale = text.Length > 0 ? text[^1] switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'T' => 1L << 40, _ => 1L } : 1L;
        if (scale != 1)
        {
            text = text[..^1];
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > long.MaxValue / scale
            || number * scale is < MinBatchBytes or > MaxBatchBytesLimit)
        {
            throw new DorisException($"Invalid value for {key}: '{value}'. Use a size from 100M ({MinBatchBytes}) to 10G ({MaxBatchBytesLimit})");
        }

        return number * scale;
    }

    private static ObjectOrdering ParseOrdering(string value) => value.Trim().ToLowerInvariant() switch
    {
        "lexicographic" => ObjectOrdering.Lexicographic,
        "any" => ObjectOrdering.Any,
        _ => throw new DorisException($"Invalid value for {OrderingKey}: '{value}'. Use lexicographic (load keys after the last loaded one, as Doris) or any (also load late keys)"),
    };

    /// <summary><c>{"fileName":"key"}</c>: loading continues after that key.</summary>
    private static string Offset(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("fileName", out var name) && name.ValueKind == JsonValueKind.String)
            {
                return name.GetString()!;
            }
        }
        catch (JsonException)
        {
        }

        throw new DorisException($"Invalid offset: '{value}'. An S3 job's offset is {{\"fileName\":\"<key of the last loaded object>\"}}");
    }
}
