using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Jobs.Sources.Mirror;

/// <summary>What the type maps of both sources share (spec B.7): strings sized for UTF-8, decimals that fit or become text.</summary>
public static class TargetTypes
{
    /// <summary>A source string of <paramref name="characters"/> characters: three bytes each in UTF-8; too long for the type, STRING.</summary>
    public static DataType Text(long characters, bool fixedLength)
    {
        var bytes = characters * 3;
        return bytes < 1 ? DataType.String
            : fixedLength && bytes <= DataType.MaxCharLength ? DataType.Char((int)bytes)
            : bytes <= DataType.MaxVarcharLength ? DataType.Varchar((int)bytes)
            : DataType.String;
    }

    /// <summary>DECIMAL(p,s) as it is while it fits; wider, exactly as text.</summary>
    public static DataType Decimal(int precision, int scale) =>
        precision is >= 1 and <= DataType.MaxDecimalPrecision && scale >= 0 && scale <= precision ? DataType.Decimal(precision, scale) : DataType.String;

    public static DataType DateTime(int? precision) => DataType.DateTime(Math.Clamp(precision ?? 0, 0, DataType.MaxDateTimePrecision));
}
