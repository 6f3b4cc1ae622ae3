using ContinuousLoad.Sources.Changes;

namespace ContinuousLoad.Sources.Postgres.Changes;

/// <summary>pgoutput Truncate ('T'): one TRUNCATE statement over one or more published tables.</summary>
public sealed record TablesTruncated(PgPoint Position, DateTimeOffset Time, IReadOnlyList<RelationSchema> Relations, bool Cascade, bool RestartIdentity)
    : SourceChange<PgPoint>(Position, Time);
