namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// An event this library does not decode (INTVAR, RAND, USER_VAR, PREVIOUS_GTIDS, ...). Its length is in
/// the header, so the stream skips it and only its position matters.
/// </summary>
public sealed record UnknownEvent(BinlogEventHeader Header) : BinlogEvent(Header);
