namespace ContinuousLoad.Tables.Storage;

/// <summary>What a row does to its table: inserted/merged (the key model decides how), or its key deleted.</summary>
public enum RowOperation : byte
{
    Upsert,
    Delete,
}
