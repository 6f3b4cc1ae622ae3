namespace ContinuousLoad.Sources.MySql.Values;

/// <summary>Column definition flags (MySQL Client/Server Protocol, "Column Definition Flags").</summary>
[Flags]
public enum ColumnFlags : ushort
{
    None = 0,
    NotNull = 1,
    PrimaryKey = 2,
    UniqueKey = 4,
    MultipleKey = 8,
    Blob = 0x10,
    Unsigned = 0x20,
    Zerofill = 0x40,
    Binary = 0x80,
    Enum = 0x100,
    AutoIncrement = 0x200,
    Timestamp = 0x400,
    Set = 0x800,
}
