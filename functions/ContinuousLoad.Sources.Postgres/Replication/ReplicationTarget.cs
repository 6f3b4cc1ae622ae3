namespace ContinuousLoad.Sources.Postgres.Replication;

/// <summary>
/// Which slot and publication a source reads, and whether they are ours: derived from an owner id
/// (ours: created on demand, dropped by <see cref="PostgresSource.DropOwnedAsync"/>) or supplied by the user
/// (verified to exist and cover the tables, never altered or dropped).
/// </summary>
public sealed record ReplicationTarget(string SlotName, string PublicationName, bool OwnsSlot, bool OwnsPublication)
{
    public static ReplicationTarget ForOwner(string ownerId) =>
        new(ReplicationNames.SlotFor(ownerId), ReplicationNames.PublicationFor(ownerId), OwnsSlot: true, OwnsPublication: true);

    public static ReplicationTarget UserSupplied(string slotName, string publicationName) =>
        ReplicationNames.IsValidSlotName(slotName)
            ? new(slotName, publicationName, OwnsSlot: false, OwnsPublication: false)
            : throw new ArgumentException($"'{slotName}' is not a valid replication slot name (lower-case letters, digits and underscores, at most 63).", nameof(slotName));
}
