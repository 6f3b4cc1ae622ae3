using System.Text;
using ContinuousLoad.Sql.Conversion;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Storage;
using ContinuousLoad.Tables.Writing;

namespace ContinuousLoad.Tests.Tables;

/// <summary>The fast text path must agree with the general conversion on every input.</summary>
public sealed class FieldEncoderTests
{
    private static readonly string[] Types =
    [
        "tinyint", "smallint", "int", "bigint", "largeint", "float", "double", "decimal(10,2)", "decimal(38,10)", "decimal(3,0)",
        "date", "datetime", "datetime(3)", "datetime(6)", "char(4)", "varchar(6)", "string", "boolean", "json", "array<int>",
    ];

    private static readonly string[] Samples =
    [
        "", " ", "0", "-0", "1", "-1", "127", "128", "-129", "32767", "2147483648", "9223372036854775807", "9223372036854775808",
        "12.5", "1.005", "-1.005", "999.99", "1000", "0.1", "1e3", "abc", "12x", " 42 ", "+7", ".5", "5.", "-.5",
        "170141183460469231731687303715884105727", "12345678901234567890123456789.0123456789",
        "2024-01-02", "2024-1-2", "2024-02-30", "20240102", "2024-01-02 03:04:05", "2024-01-02 03:04:05.123",
        "2024-01-02 03:04:05.123456", "2024-01-02T03:04:05Z", "2024-01-02 24:00:00", "héllo", "abcd", "abcde", "true", "FALSE",
        "{\"a\":1}", "[1,2]", "NaN", "Infinity", "1.7976931348623157e308",
    ];

    public static TheoryData<string> TypeNames => [.. Types];

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void Agrees_with_the_general_conversion(string typeName)
    {
        var type = SqlParser.ParseDataType(typeName);
        var encoder = new FieldEncoder(type, TimeZoneInfo.Utc);
        var random = new Random(12345);
        var inputs = Samples.Concat(Enumerable.Range(0, 500).Select(_ => RandomText(random))).ToList();
        foreach (var input in inputs)
        {
            var fast = new ColumnVector(ValueEncoding.StorageOf(type), 4);
            var error = encoder.Encode(Encoding.UTF8.GetBytes(input), fast);
            var expected = ValueConverter.Convert(SqlValue.FromString(input), DataType.String, type, TimeZoneInfo.Utc, checkLength: true);

            Assert.True(expected.Error == error, $"{typeName} '{input}': fast {error}, general {expected.Error}");
            if (error == ConversionError.None)
            {
                var general = new ColumnVector(ValueEncoding.StorageOf(type), 4);
                ValueEncoding.Append(general, expected.Value, type);
                Assert.Equal(Show(general), Show(fast));
            }
            else
            {
                Assert.Equal(0, fast.Count);
            }
        }
    }

    [Fact]
    public void Refuses_invalid_utf8_as_invalid()
    {
        var vector = new ColumnVector(StorageClass.Text, 1);

        Assert.Equal(ConversionError.Invalid, new FieldEncoder(DataType.String, TimeZoneInfo.Utc).Encode([0x61, 0xff, 0x62], vector));
        Assert.Equal(0, vector.Count);
    }

    private static string Show(ColumnVector vector) => vector.Storage switch
    {
        StorageClass.Integer => vector.GetInteger(0).ToString(System.Globalization.CultureInfo.InvariantCulture),
        StorageClass.Real => vector.GetReal(0).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => vector.GetString(0),
    };

    /// <summary>Strings shaped like numbers and dates, with random damage.</summary>
    private static string RandomText(Random random)
    {
        var shapes = new[] { "-#.##", "###", "#######.#", "####-##-##", "####-##-## ##:##:##", "####-##-## ##:##:##.###", "#.#e#", "-##", "  #  ", "#,#" };
        var text = new StringBuilder();
        foreach (var c in shapes[random.Next(shapes.Length)])
        {
            text.Append(c == '#' ? (char)('0' + random.Next(10)) : c);
        }

        if (random.Next(10) == 0)
        {
            text[random.Next(text.Length)] = (char)random.Next(32, 127);
        }

        return text.ToString();
    }
}
