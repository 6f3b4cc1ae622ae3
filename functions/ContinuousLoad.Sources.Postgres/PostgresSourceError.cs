namespace ContinuousLoad.Sources.Postgres;

/// <summary>What went wrong, for callers that react differently (retry, pause the job, tell the user).</summary>
public enum PostgresSourceError
{
    WalLevelNotLogical,
    MissingReplicationPrivilege,
    SlotInUse,
    TooManySlots,
    SlotMissing,
    SlotPluginMismatch,
    PublicationMissing,
    PublicationDoesNotCoverTable,
    TableMissing,
    TableWithoutPrimaryKey,
    SnapshotExpired,
    ProtocolViolation,
    ValueNotDecodable,
    AuthenticationFailed,
}
