namespace ContinuousLoad.Tables.Storage;

/// <summary>
/// How a column's values travel to a store: 64-bit integers (BOOLEAN..BIGINT), doubles (FLOAT, DOUBLE)
/// or UTF-8 text in canonical form (everything else: LARGEINT and DECIMAL digits, dates, JSON, arrays, strings).
/// </summary>
public enum StorageClass : byte
{
    Integer,
    Real,
    Text,
}
