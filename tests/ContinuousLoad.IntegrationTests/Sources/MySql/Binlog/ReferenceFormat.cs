namespace ContinuousLoad.IntegrationTests.Sources.MySql.Binlog;

/// <summary>The ways mariadb-binlog -v prints a column value (log_event.cc, log_event_print_value).</summary>
public enum ReferenceFormat
{
    /// <summary>Signed integer; a negative one is followed by its unsigned reading in parentheses.</summary>
    Signed,

    /// <summary>Unsigned integer: the signed reading, then the unsigned one in parentheses when they differ.</summary>
    Unsigned,

    /// <summary>FLOAT as %g (6 significant digits), padded.</summary>
    Float,

    /// <summary>DOUBLE as %.20g.</summary>
    Double,

    /// <summary>DECIMAL digits with the column's scale.</summary>
    Decimal,

    /// <summary>'YYYY:MM:DD'.</summary>
    Date,

    /// <summary>'[-]HH:MM:SS[.fraction]'.</summary>
    Time,

    /// <summary>'YYYY-MM-DD HH:MM:SS[.fraction to the column's digits]'; Width = fractional digits.</summary>
    DateTime,

    /// <summary>Seconds since the epoch[.fraction]; Width = fractional digits.</summary>
    Timestamp,

    /// <summary>The stored byte + 1900 (so the zero year prints as 1900).</summary>
    Year,

    /// <summary>Quoted stored bytes in the column's charset, bytes below 0x20 as \xNN.</summary>
    Text,

    /// <summary>Quoted stored bytes; Width &gt; 0 for BINARY(n), whose trailing zero bytes the binlog does not store.</summary>
    Bytes,

    /// <summary>The member's 1-based index.</summary>
    Enum,

    /// <summary>b'bits' over the stored bytes; Width = storage bytes.</summary>
    Set,

    /// <summary>b'bits' with the column's bit width.</summary>
    Bit,
}
