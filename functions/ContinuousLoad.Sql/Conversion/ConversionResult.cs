using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Sql.Conversion;

/// <summary>A converted value, or NULL with the reason it could not be converted.</summary>
public readonly record struct ConversionResult(SqlValue Value, ConversionError Error)
{
    public static ConversionResult Invalid { get; } = new(SqlValue.Null, ConversionError.Invalid);

    public static ConversionResult OutOfRange { get; } = new(SqlValue.Null, ConversionError.OutOfRange);

    public static ConversionResult TooLong { get; } = new(SqlValue.Null, ConversionError.TooLong);

    public bool Succeeded => Error == ConversionError.None;

    public static implicit operator ConversionResult(SqlValue value) => new(value, ConversionError.None);
}
