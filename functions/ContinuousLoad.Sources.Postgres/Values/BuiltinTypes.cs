using System.Collections.Frozen;

namespace ContinuousLoad.Sources.Postgres.Values;

/// <summary>The built-in types' OIDs (pg_type.dat; stable across versions) and their kinds.</summary>
internal static class BuiltinTypes
{
    private static readonly FrozenDictionary<uint, PgTypeInfo> Scalars = new PgTypeInfo[]
    {
        new(16, "bool", PgValueKind.Boolean), new(17, "bytea", PgValueKind.Bytea), new(18, "char", PgValueKind.Text),
        new(19, "name", PgValueKind.Text), new(20, "int8", PgValueKind.Int64), new(21, "int2", PgValueKind.Int16),
        new(23, "int4", PgValueKind.Int32), new(25, "text", PgValueKind.Text), new(26, "oid", PgValueKind.Oid),
        new(114, "json", PgValueKind.Json), new(142, "xml", PgValueKind.Text), new(700, "float4", PgValueKind.Float4),
        new(701, "float8", PgValueKind.Float8), new(650, "cidr", PgValueKind.Inet), new(869, "inet", PgValueKind.Inet),
        new(1042, "bpchar", PgValueKind.Text), new(1043, "varchar", PgValueKind.Text), new(1082, "date", PgValueKind.Date),
        new(1083, "time", PgValueKind.Time), new(1114, "timestamp", PgValueKind.Timestamp),
        new(1184, "timestamptz", PgValueKind.TimestampTz), new(1186, "interval", PgValueKind.Interval),
        new(1266, "timetz", PgValueKind.TimeTz), new(1700, "numeric", PgValueKind.Numeric), new(2950, "uuid", PgValueKind.Uuid),
        new(3802, "jsonb", PgValueKind.Json),
    }.ToFrozenDictionary(type => type.Oid);

    private static readonly FrozenDictionary<uint, PgTypeInfo> Arrays = new (uint Oid, uint Element)[]
    {
        (1000, 16), (1001, 17), (1002, 18), (1003, 19), (1016, 20), (1005, 21), (1007, 23), (1009, 25), (1028, 26),
        (199, 114), (143, 142), (1021, 700), (1022, 701), (651, 650), (1041, 869), (1014, 1042), (1015, 1043), (1182, 1082),
        (1183, 1083), (1115, 1114), (1185, 1184), (1187, 1186), (1270, 1266), (1231, 1700), (2951, 2950), (3807, 3802),
    }.ToFrozenDictionary(pair => pair.Oid, pair => new PgTypeInfo(pair.Oid, "_" + Scalars[pair.Element].Name, PgValueKind.Array, Scalars[pair.Element]));

    public static PgTypeInfo? Find(uint oid) => Scalars.GetValueOrDefault(oid) ?? Arrays.GetValueOrDefault(oid);
}
