using System.Text;

namespace ContinuousLoad.IntegrationTests.StreamLoad;

/// <summary>
/// One Stream Load as a Doris user sends it and what Doris answers: a table (named <c>t</c>), headers,
/// a body, then the status, row counts, message and the rows the table holds afterwards. A load that
/// does not succeed must leave the table empty.
/// </summary>
public sealed record LoadCase(string Name, string Table, string Body, params string[] Headers)
{
    /// <summary>The body as bytes, when it is not plain UTF-8 text (compressed, invalid, huge).</summary>
    public Func<byte[]>? Bytes { get; init; }

    public string Status { get; init; } = "Success";

    public long? Total { get; init; }

    public long? Loaded { get; init; }

    public long? Filtered { get; init; }

    public long? Unselected { get; init; }

    /// <summary>Expected at the start of <c>Message</c> (e.g. <c>[DATA_QUALITY_ERROR]too many filtered rows</c>).</summary>
    public string? Message { get; init; }

    /// <summary>Expected in the error log at <c>ErrorURL</c>.</summary>
    public string? ErrorLog { get; init; }

    /// <summary>The table's rows afterwards (<see cref="Query"/>), each as values joined by <c>|</c>; null: not checked.</summary>
    public string[]? Rows { get; init; }

    public string Query { get; init; } = "SELECT * FROM t ORDER BY 1";

    /// <summary>Other fields of the answer, as <c>Field=value</c> (strings as written, numbers and booleans as JSON).</summary>
    public string[] Fields { get; init; } = [];

    public byte[] BodyBytes() => Bytes?.Invoke() ?? Encoding.UTF8.GetBytes(Body);

    public override string ToString() => Name;
}
