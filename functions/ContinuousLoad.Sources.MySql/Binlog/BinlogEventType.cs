namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// Binlog event type codes (MySQL source <c>binlog_event.h</c> <c>Log_event_type</c>; MariaDB adds 160+).
/// Only the codes this library decodes or deliberately skips are named; any other byte is valid too and
/// is skipped by its length as an <see cref="UnknownEvent"/>.
/// </summary>
public enum BinlogEventType : byte
{
    Unknown = 0,
    StartV3 = 1,
    Query = 2,
    Stop = 3,
    Rotate = 4,
    Intvar = 5,
    Rand = 13,
    UserVar = 14,
    FormatDescription = 15,
    Xid = 16,
    TableMap = 19,
    WriteRowsV1 = 23,
    UpdateRowsV1 = 24,
    DeleteRowsV1 = 25,
    Incident = 26,
    Heartbeat = 27,
    WriteRowsV2 = 30,
    UpdateRowsV2 = 31,
    DeleteRowsV2 = 32,

    /// <summary>MySQL 5.6+: a GTID (server UUID + transaction number) starting a transaction.</summary>
    MySqlGtid = 33,

    /// <summary>MySQL 5.7+: a transaction without a GTID (<c>gtid_mode=OFF</c>).</summary>
    AnonymousGtid = 34,
    PreviousGtids = 35,
    TransactionContext = 36,
    ViewChange = 37,
    XaPrepare = 38,
    PartialUpdateRows = 39,
    TransactionPayload = 40,

    /// <summary>MySQL 8.0.26+: heartbeat with a 64-bit position in type-length-value fields.</summary>
    HeartbeatV2 = 41,

    /// <summary>MariaDB: the statement that produced the following rows events (<c>binlog_annotate_row_events</c>).</summary>
    AnnotateRows = 160,

    /// <summary>MariaDB: the oldest binlog file still needed for crash recovery.</summary>
    BinlogCheckpoint = 161,

    /// <summary>MariaDB: a GTID (domain-server-sequence) starting an event group.</summary>
    MariaDbGtid = 162,

    /// <summary>MariaDB: the GTID state at the start of a binlog file.</summary>
    GtidList = 163,
    StartEncryption = 164,
    QueryCompressed = 165,
    WriteRowsCompressedV1 = 169,
    UpdateRowsCompressedV1 = 170,
    DeleteRowsCompressedV1 = 171,
}
