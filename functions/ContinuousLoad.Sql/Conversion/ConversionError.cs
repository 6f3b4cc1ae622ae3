namespace ContinuousLoad.Sql.Conversion;

/// <summary>
/// Why a value did not convert. Doris treats them differently in loads: an <see cref="Invalid"/>
/// value becomes NULL unless strict mode is on; <see cref="OutOfRange"/> and <see cref="TooLong"/>
/// always filter the row.
/// </summary>
public enum ConversionError : byte
{
    None,
    Invalid,
    OutOfRange,
    TooLong,
}
