namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// The changes of one event waiting to be delivered: ready, or still decoding on the thread pool; and the
/// resume point that becomes current once they are delivered (when the event committed a transaction).
/// </summary>
internal readonly record struct PendingChanges(List<BinlogChange>? Changes, Task<List<BinlogChange>>? Decoding, BinlogStart? ResumeAfter);
