using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// One column of a TABLE_MAP: its real type and the type's metadata, decoded (MySQL Internals
/// "TABLE_MAP_EVENT" column meta): float/double pack length; blob/text/JSON/geometry length-prefix size;
/// varchar/char maximum byte length; BIT width in bits; decimal (precision, scale);
/// TIME2/DATETIME2/TIMESTAMP2 fractional digits; ENUM/SET storage bytes.
/// </summary>
public readonly record struct BinlogColumn(MySqlColumnType Type, int Length, byte Precision, byte Scale, bool Nullable)
{
    /// <summary>Fractional second digits of TIME2, DATETIME2 and TIMESTAMP2 (0-6).</summary>
    public int FractionalDigits => Length;
}
