using ContinuousLoad.Sources.Changes;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// The changes of one event, handed from the reading task to the consumer, and the resume point that
/// becomes current once they are delivered (when the event committed a transaction or ran DDL).
/// </summary>
internal readonly record struct EventChanges(List<SourceChange<BinlogPoint>> Changes, BinlogStart? ResumeAfter);
