namespace ContinuousLoad.Sources.Postgres.Values;

/// <summary>How a column's text is turned into a value (<see cref="TextValueDecoder"/> lists the CLR types).</summary>
public enum PgValueKind
{
    Text,
    Boolean,
    Int16,
    Int32,
    Int64,
    Oid,
    Float4,
    Float8,
    Numeric,
    Bytea,
    Uuid,
    Date,
    Time,
    TimeTz,
    Timestamp,
    TimestampTz,
    Inet,
    Json,
    Interval,
    Enum,
    Array,
}
