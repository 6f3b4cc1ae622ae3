using System.Text;
using ContinuousLoad.MySql.Wire;

namespace ContinuousLoad.Sources.MySql.Values;

/// <summary>
/// The one representation of MySQL values in .NET that every reader of this library produces — the
/// snapshot (text protocol) and the binlog decoder alike — so a value read by either is Equal:
/// <list type="table">
/// <item><term>NULL</term><description><c>null</c></description></item>
/// <item><term>TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT (signed and unsigned)</term><description><see cref="long"/>; only BIGINT UNSIGNED is <see cref="ulong"/> (18446744073709551615 fits)</description></item>
/// <item><term>DECIMAL(p,s)</term><description>p ≤ 28: <see cref="decimal"/> with scale s (DECIMAL(5,2) 1.5 is 1.50m); p &gt; 28: <see cref="string"/> of the digits, sign and point, scale s, no exponent ("-0.50")</description></item>
/// <item><term>FLOAT / DOUBLE</term><description><see cref="float"/> / <see cref="double"/> (the text protocol prints FLOAT with limited digits; compare FLOATs as floats)</description></item>
/// <item><term>DATE</term><description><see cref="DateOnly"/></description></item>
/// <item><term>DATETIME(fsp)</term><description><see cref="DateTime"/>, Kind Unspecified, microseconds exact</description></item>
/// <item><term>TIMESTAMP(fsp)</term><description><see cref="DateTime"/>, Kind Utc (sessions run with time_zone '+00:00'; the binlog stores UTC seconds)</description></item>
/// <item><term>zero or partly zero DATE/DATETIME/TIMESTAMP</term><description><see cref="string"/> as MySQL prints it: "0000-00-00", "0000-00-00 00:00:00" plus "." and fsp zeros when fsp &gt; 0</description></item>
/// <item><term>TIME(fsp)</term><description><see cref="TimeSpan"/>, may be negative or exceed 24 h</description></item>
/// <item><term>YEAR</term><description><see cref="int"/> (0 for 0000)</description></item>
/// <item><term>CHAR, VARCHAR, TEXT types, ENUM, SET, JSON</term><description><see cref="string"/>; ENUM as its member text, SET as members joined by ',' in definition order, JSON as text (MySQL binary JSON converted to text)</description></item>
/// <item><term>BINARY, VARBINARY, BLOB types, GEOMETRY</term><description><see cref="byte"/>[] (BINARY(n) keeps its trailing zero bytes)</description></item>
/// <item><term>BIT(M)</term><description><see cref="ulong"/></description></item>
/// </list>
/// Text is decoded by the column's collation id (<see cref="CharacterSets"/>); collation 63 means binary.
/// </summary>
public static class MySqlValues
{
    /// <summary>The largest DECIMAL precision held as <see cref="decimal"/>; wider columns are exact strings.</summary>
    public const int MaxDecimalPrecision = 28;

    /// <summary>The kind for a column, from what both the result-set column definition and TABLE_MAP + information_schema know.</summary>
    public static MySqlValueKind KindOf(MySqlColumnType type, bool unsigned, int decimalPrecision, int collationId) => type switch
    {
        MySqlColumnType.Tiny or MySqlColumnType.Short or MySqlColumnType.Int24 or MySqlColumnType.Long => MySqlValueKind.Int64,
        MySqlColumnType.LongLong => unsigned ? MySqlValueKind.UInt64 : MySqlValueKind.Int64,
        MySqlColumnType.Decimal or MySqlColumnType.NewDecimal =>
            decimalPrecision <= MaxDecimalPrecision ? MySqlValueKind.Decimal : MySqlValueKind.DecimalText,
        MySqlColumnType.Float => MySqlValueKind.Single,
        MySqlColumnType.Double => MySqlValueKind.Double,
        MySqlColumnType.Date or MySqlColumnType.NewDate => MySqlValueKind.Date,
        MySqlColumnType.DateTime or MySqlColumnType.DateTime2 => MySqlValueKind.DateTime,
        MySqlColumnType.Timestamp or MySqlColumnType.Timestamp2 => MySqlValueKind.Timestamp,
        MySqlColumnType.Time or MySqlColumnType.Time2 => MySqlValueKind.Time,
        MySqlColumnType.Year => MySqlValueKind.Year,
        MySqlColumnType.Bit => MySqlValueKind.Bit,
        MySqlColumnType.Json or MySqlColumnType.Enum or MySqlColumnType.Set => MySqlValueKind.Text,
        MySqlColumnType.Geometry => MySqlValueKind.Bytes,
        _ => collationId == CharacterSets.BinaryCollation ? MySqlValueKind.Bytes : MySqlValueKind.Text,
    };

    /// <summary>The text of a zero date as the server prints it, for the binlog decoder.</summary>
    public static string ZeroDateText(MySqlValueKind kind, int fractionalDigits)
    {
        if (kind == MySqlValueKind.Date)
        {
            return "0000-00-00";
        }

        var text = new StringBuilder("0000-00-00 00:00:00");
        if (fractionalDigits > 0)
        {
            text.Append('.').Append('0', fractionalDigits);
        }

        return text.ToString();
    }
}
