namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// One item of the change stream (<see cref="BinlogClient"/>): a transaction boundary, a row change, a
/// DDL statement or a heartbeat. <see cref="Position"/> is where the event that produced it ends in the
/// server's binlog; <see cref="Gtid"/> is the GTID of the enclosing transaction (MariaDB
/// <c>domain-server-sequence</c> or MySQL <c>uuid:number</c>; null without GTIDs); <see cref="Time"/> is
/// when the statement ran on the source. A consumer commits its progress at <see cref="TransactionCommit"/>
/// (and <see cref="SchemaChange"/>), whose position is where a new stream resumes.
/// </summary>
public abstract record BinlogChange(BinlogPosition Position, string? Gtid, DateTimeOffset Time);
