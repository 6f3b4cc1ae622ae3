using ContinuousLoad.Ingest.Formats;
using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Ingest.Loading;

/// <summary>One input of a load: a stream, how it is compressed, and a name for error messages (a job's object key).</summary>
/// <param name="PathValues">The values of <see cref="LoadOptions.PathFields"/> for this body, in order (null: NULL).</param>
public sealed record LoadBody(Stream Stream, CompressType Compression, string? Name = null, IReadOnlyList<string?>? PathValues = null)
{
    /// <summary>
    /// Rows a source already holds (a CDC job's changes) instead of a body to parse: opened with the field
    /// names the load's mapping reads, as a JSON body's keys are, and the table they load (whose shape a
    /// database-level job compares with the source's). Null for a body read from <see cref="Stream"/>.
    /// </summary>
    public Func<IReadOnlyList<string>, TableSchema, IRowSource>? Rows { get; private init; }

    /// <summary>
    /// The table of the load's database this body loads into, when not the load's own: a database-level job's
    /// changes come as one body per run of one table's changes, all in the load's one transaction.
    /// </summary>
    public string? Table { get; private init; }

    /// <summary>A body of rows from <paramref name="open"/>, which gets the field names the mapping reads and the table; into <paramref name="table"/> when given.</summary>
    public static LoadBody OfRows(Func<IReadOnlyList<string>, TableSchema, IRowSource> open, string? name = null, string? table = null) =>
        new(Stream.Null, CompressType.None, name) { Rows = open, Table = table };
}
