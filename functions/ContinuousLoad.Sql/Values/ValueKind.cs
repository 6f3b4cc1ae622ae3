namespace ContinuousLoad.Sql.Values;

/// <summary>How a <see cref="SqlValue"/> holds its data. Integer covers TINYINT..BIGINT, Double covers FLOAT and DOUBLE.</summary>
public enum ValueKind : byte
{
    Null,
    Boolean,
    Integer,
    LargeInt,
    Double,
    Decimal,
    Date,
    DateTime,
    String,
    Json,
    Array,
}
