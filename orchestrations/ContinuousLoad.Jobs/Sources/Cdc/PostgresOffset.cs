using System.Globalization;
using System.Text.Json;
using ContinuousLoad.Sources.Postgres;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// A PostgreSQL change job's offset while it streams: the end of the last transaction loaded (its commit
/// record's end LSN) — where the next read resumes, and what the slot may be confirmed up to.
/// </summary>
public sealed record PostgresOffset(ulong Lsn) : SourceOffset
{
    public const string Kind = "postgres";

    public Lsn Position => new(Lsn);

    /// <summary><c>{"splitId":"binlog-split","lsn":"..."}</c>, Doris's shape for a PostgreSQL source (the LSN as a number).</summary>
    public override string ToDoris() => JsonSerializer.Serialize(new { splitId = "binlog-split", lsn = Lsn.ToString(CultureInfo.InvariantCulture) });

    public override bool IsAfter(SourceOffset? other) => other is not PostgresOffset previous || Lsn > previous.Lsn;

    public override string RangeFrom(SourceOffset? start) =>
        JsonSerializer.Serialize(new
        {
            splitId = "binlog-split",
            startLsn = ((start as PostgresOffset)?.Lsn ?? 0).ToString(CultureInfo.InvariantCulture),
            endLsn = Lsn.ToString(CultureInfo.InvariantCulture),
        });
}
