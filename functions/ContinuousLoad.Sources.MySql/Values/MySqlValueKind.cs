namespace ContinuousLoad.Sources.MySql.Values;

/// <summary>
/// The .NET representation chosen for a column, decided once per column from its type, flags,
/// precision and charset — never per value — so every value of a column has the same .NET type.
/// See <see cref="MySqlValues"/> for the mapping; the binlog decoder produces the same kinds.
/// </summary>
public enum MySqlValueKind
{
    /// <summary>TINYINT..BIGINT (signed or unsigned, except BIGINT UNSIGNED) → <see cref="long"/>.</summary>
    Int64,

    /// <summary>BIGINT UNSIGNED → <see cref="ulong"/>.</summary>
    UInt64,

    /// <summary>DECIMAL(p,s) with p ≤ 28 → <see cref="decimal"/> carrying scale s (1.50 stays 1.50).</summary>
    Decimal,

    /// <summary>DECIMAL(p,s) with p &gt; 28 → <see cref="string"/>, the exact digits as MySQL prints them ("-12.340").</summary>
    DecimalText,

    /// <summary>FLOAT → <see cref="float"/>.</summary>
    Single,

    /// <summary>DOUBLE → <see cref="double"/>.</summary>
    Double,

    /// <summary>DATE → <see cref="DateOnly"/>; a zero or partly zero date → its text ("0000-00-00").</summary>
    Date,

    /// <summary>DATETIME(fsp) → <see cref="DateTime"/> (Kind Unspecified); zero → text as the server prints it.</summary>
    DateTime,

    /// <summary>TIMESTAMP(fsp) → <see cref="DateTime"/> in UTC (Kind Utc); zero → text as the server prints it.</summary>
    Timestamp,

    /// <summary>TIME(fsp) → <see cref="TimeSpan"/>, negative and beyond 24 h included (-838:59:59 .. 838:59:59).</summary>
    Time,

    /// <summary>YEAR → <see cref="int"/> (0 for the zero year 0000).</summary>
    Year,

    /// <summary>CHAR/VARCHAR/TEXT/ENUM/SET/JSON in a character set → <see cref="string"/>.</summary>
    Text,

    /// <summary>BINARY/VARBINARY/BLOB/GEOMETRY (binary charset) → <see cref="byte"/>[].</summary>
    Bytes,

    /// <summary>BIT(M) → <see cref="ulong"/>, bit 0 = the rightmost bit.</summary>
    Bit,
}
