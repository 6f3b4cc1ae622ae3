namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// Where a change of the binlog stream lies: the position at which the event that produced it ends in
/// the server's binlog, and the GTID of the enclosing transaction (MariaDB <c>domain-server-sequence</c>
/// or MySQL <c>uuid:number</c>; null without GTIDs). At a commit (and a DDL statement) the position is
/// where a new stream resumes.
/// </summary>
public readonly record struct BinlogPoint(BinlogPosition End, string? Gtid);
