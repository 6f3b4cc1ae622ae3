using ContinuousLoad.Sources.Changes;

namespace ContinuousLoad.Sources.Postgres.Changes;

/// <summary>
/// The server described a table (pgoutput Relation, 'R'): sent before a table's first change in a
/// session and again after its shape changes. <see cref="Previous"/> is the shape known before (null the
/// first time); <see cref="AddedColumns"/> and <see cref="DroppedColumns"/> compare the two by name.
/// </summary>
public sealed record RelationChanged(
    PgPoint Position,
    DateTimeOffset Time,
    RelationSchema Relation,
    RelationSchema? Previous,
    IReadOnlyList<string> AddedColumns,
    IReadOnlyList<string> DroppedColumns) : SourceChange<PgPoint>(Position, Time);
