namespace ContinuousLoad.Tables.Storage;

/// <summary>A partial update limited to existing rows met a key the table does not hold; the write is refused.</summary>
public sealed class NewKeyInPartialUpdateException(string key)
    : Exception($"Can't append new rows in partial update when partial_update_new_key_behavior is ERROR. Row with key=[{key}] is not in table.");
