using ContinuousLoad.Sources.Changes;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// A statement logged as text outside a row transaction: DDL (<c>CREATE</c>, <c>ALTER</c>, <c>DROP</c>,
/// <c>TRUNCATE</c>, ...), run in <see cref="Schema"/> (the session's default database, may be empty).
/// It commits by itself: its position is a resume point.
/// </summary>
public sealed record SchemaChange(BinlogPoint Position, DateTimeOffset Time, string Schema, string Sql) : SourceChange<BinlogPoint>(Position, Time);
