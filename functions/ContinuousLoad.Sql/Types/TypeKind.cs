namespace ContinuousLoad.Sql.Types;

/// <summary>The Doris column types we serve. <c>TEXT</c> is an alias of <c>STRING</c>, <c>JSONB</c> of <c>JSON</c>.</summary>
public enum TypeKind : byte
{
    Null,
    Boolean,
    TinyInt,
    SmallInt,
    Int,
    BigInt,
    LargeInt,
    Float,
    Double,
    Decimal,
    Date,
    DateTime,
    Char,
    Varchar,
    String,
    Json,
    Array,
}
