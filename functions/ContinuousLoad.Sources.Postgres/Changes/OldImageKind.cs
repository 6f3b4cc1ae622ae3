namespace ContinuousLoad.Sources.Postgres.Changes;

/// <summary>
/// What an update or delete tells about the row before: nothing (an update that kept the key under
/// REPLICA IDENTITY DEFAULT), the key columns only ('K'; the other positions are null), or the whole
/// row ('O', REPLICA IDENTITY FULL).
/// </summary>
public enum OldImageKind
{
    None,
    Key,
    FullRow,
}
