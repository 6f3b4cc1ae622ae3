using System.Globalization;

namespace ContinuousLoad.Sql.Types;

/// <summary>
/// A Doris data type with its parameters: length for CHAR/VARCHAR (bytes of UTF-8, as Doris counts),
/// precision and scale for DECIMAL, fractional-second precision for DATETIME, element type for ARRAY.
/// </summary>
public sealed record DataType
{
    public const int MaxCharLength = 255;
    public const int MaxVarcharLength = 65533;
    public const int MaxDecimalPrecision = 38;
    public const int MaxDateTimePrecision = 6;

    public static readonly DataType Null = new(TypeKind.Null);
    public static readonly DataType Boolean = new(TypeKind.Boolean);
    public static readonly DataType TinyInt = new(TypeKind.TinyInt);
    public static readonly DataType SmallInt = new(TypeKind.SmallInt);
    public static readonly DataType Int = new(TypeKind.Int);
    public static readonly DataType BigInt = new(TypeKind.BigInt);
    public static readonly DataType LargeInt = new(TypeKind.LargeInt);
    public static readonly DataType Float = new(TypeKind.Float);
    public static readonly DataType Double = new(TypeKind.Double);
    public static readonly DataType Date = new(TypeKind.Date);
    public static readonly DataType String = new(TypeKind.String);
    public static readonly DataType Json = new(TypeKind.Json);

    private DataType(TypeKind kind, int length = 0, int precision = 0, int scale = 0, DataType? element = null)
    {
        Kind = kind;
        Length = length;
        Precision = precision;
        Scale = scale;
        Element = element;
    }

    public TypeKind Kind { get; }

    /// <summary>CHAR/VARCHAR maximum length in bytes.</summary>
    public int Length { get; }

    /// <summary>DECIMAL total digits, DATETIME fractional digits.</summary>
    public int Precision { get; }

    /// <summary>DECIMAL digits after the point.</summary>
    public int Scale { get; }

    /// <summary>ARRAY element type.</summary>
    public DataType? Element { get; }

    public bool IsInteger => Kind is TypeKind.TinyInt or TypeKind.SmallInt or TypeKind.Int or TypeKind.BigInt or TypeKind.LargeInt;

    public bool IsNumeric => IsInteger || Kind is TypeKind.Float or TypeKind.Double or TypeKind.Decimal or TypeKind.Boolean;

    public bool IsString => Kind is TypeKind.Char or TypeKind.Varchar or TypeKind.String;

    public bool IsTemporal => Kind is TypeKind.Date or TypeKind.DateTime;

    /// <exception cref="ArgumentOutOfRangeException">Precision or scale outside Doris's limits.</exception>
    public static DataType Decimal(int precision, int scale)
    {
        if (precision is < 1 or > MaxDecimalPrecision)
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision,
                $"DECIMAL precision must be between 1 and {MaxDecimalPrecision}");
        }

        if (scale < 0 || scale > precision)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"DECIMAL scale must be between 0 and the precision {precision}");
        }

        return new DataType(TypeKind.Decimal, precision: precision, scale: scale);
    }

    public static DataType DateTime(int precision = 0) => precision is < 0 or > MaxDateTimePrecision
        ? throw new ArgumentOutOfRangeException(nameof(precision), precision, $"DATETIME precision must be between 0 and {MaxDateTimePrecision}")
        : new DataType(TypeKind.DateTime, precision: precision);

    public static DataType Char(int length) => length is < 1 or > MaxCharLength
        ? throw new ArgumentOutOfRangeException(nameof(length), length, $"CHAR length must be between 1 and {MaxCharLength}")
        : new DataType(TypeKind.Char, length);

    public static DataType Varchar(int length) => length is < 1 or > MaxVarcharLength
        ? throw new ArgumentOutOfRangeException(nameof(length), length, $"VARCHAR length must be between 1 and {MaxVarcharLength}")
        : new DataType(TypeKind.Varchar, length);

    public static DataType Array(DataType element) => new(TypeKind.Array, element: element);

    /// <summary>
    /// The type as Doris 2.1+ shows it in DESC and SHOW CREATE TABLE: <c>int</c>, <c>varchar(32)</c>,
    /// <c>decimal(10,2)</c>, <c>datetime(3)</c>, <c>text</c>, <c>array&lt;int&gt;</c>. The parser reads it back.
    /// </summary>
    public override string ToString() => Kind switch
    {
        TypeKind.Decimal => string.Create(CultureInfo.InvariantCulture, $"decimal({Precision},{Scale})"),
        TypeKind.DateTime => Precision == 0 ? "datetime" : string.Create(CultureInfo.InvariantCulture, $"datetime({Precision})"),
        TypeKind.Char => string.Create(CultureInfo.InvariantCulture, $"char({Length})"),
        TypeKind.Varchar => string.Create(CultureInfo.InvariantCulture, $"varchar({Length})"),
        TypeKind.String => "text",
        TypeKind.Array => $"array<{Element}>",
        _ => Kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The type's name without parameters, upper case, as the HTTP SQL API's <c>meta</c> shows it: <c>INT</c>, <c>DECIMAL</c>.</summary>
    public string TypeName => Kind switch
    {
        TypeKind.String => "STRING",
        _ => Kind.ToString().ToUpperInvariant(),
    };
}
