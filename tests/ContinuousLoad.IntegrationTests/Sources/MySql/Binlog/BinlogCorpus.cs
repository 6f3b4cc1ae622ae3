using System.Text;
using static ContinuousLoad.IntegrationTests.Sources.MySql.Binlog.ReferenceFormat;

namespace ContinuousLoad.IntegrationTests.Sources.MySql.Binlog;

/// <summary>
/// A table with every column type the binlog decoder handles, and statements that insert, update and
/// delete rows with NULLs, extremes, fractions, multibyte and latin1 text, unsigned maxima, negative and
/// large TIME values and zero dates.
/// </summary>
public static class BinlogCorpus
{
    private static readonly Encoding Windows1252 = CodePages();

    public static readonly CorpusColumn[] Columns =
    [
        new("id", "INT PRIMARY KEY", Signed),
        new("ti", "TINYINT", Signed), new("tiu", "TINYINT UNSIGNED", Unsigned),
        new("si", "SMALLINT", Signed), new("siu", "SMALLINT UNSIGNED", Unsigned),
        new("mi", "MEDIUMINT", Signed), new("miu", "MEDIUMINT UNSIGNED", Unsigned),
        new("i", "INT", Signed), new("iu", "INT UNSIGNED", Unsigned),
        new("bi", "BIGINT", Signed), new("biu", "BIGINT UNSIGNED", Unsigned),
        new("f", "FLOAT", Float), new("d", "DOUBLE", ReferenceFormat.Double),
        new("dec1", "DECIMAL(10,4)", ReferenceFormat.Decimal), new("dec2", "DECIMAL(65,30)", ReferenceFormat.Decimal), new("dec3", "DECIMAL(5,0)", ReferenceFormat.Decimal), new("dec4", "DECIMAL(28,28)", ReferenceFormat.Decimal),
        new("dt", "DATE", Date), new("tm", "TIME", Time), new("tm6", "TIME(6)", Time), new("tm3", "TIME(3)", Time), new("tm1", "TIME(1)", Time),
        new("dtm", "DATETIME", ReferenceFormat.DateTime), new("dtm6", "DATETIME(6)", ReferenceFormat.DateTime, 6), new("dtm2", "DATETIME(2)", ReferenceFormat.DateTime, 2), new("dtm4", "DATETIME(4)", ReferenceFormat.DateTime, 4),
        new("ts", "TIMESTAMP NULL", Timestamp), new("ts6", "TIMESTAMP(6) NULL", Timestamp, 6), new("ts3", "TIMESTAMP(3) NULL", Timestamp, 3),
        new("yr", "YEAR", Year),
        new("c", "CHAR(10)", Text), new("c255", "CHAR(255)", Text), new("vc", "VARCHAR(100)", Text), new("vcl", "VARCHAR(1000)", Text),
        new("latin", "VARCHAR(20) CHARACTER SET latin1", Text, Encoding: Windows1252),
        new("bin", "BINARY(4)", Bytes, 4), new("vbin", "VARBINARY(300)", Bytes),
        new("tt", "TINYTEXT", Text), new("tx", "TEXT", Text), new("mt", "MEDIUMTEXT", Text), new("lt", "LONGTEXT", Text),
        new("tb", "TINYBLOB", Bytes), new("b", "BLOB", Bytes), new("mb", "MEDIUMBLOB", Bytes), new("lb", "LONGBLOB", Bytes),
        new("e", "ENUM('a','b','ç')", ReferenceFormat.Enum, Members: ["a", "b", "ç"]),
        new("s", "SET('x','y','z')", Set, 1, Members: ["x", "y", "z"]),
        new("bt", "BIT(1)", Bit, 1), new("bt64", "BIT(64)", Bit, 64), new("bt10", "BIT(10)", Bit, 10),
        new("j", "JSON", Text), new("g", "GEOMETRY", Bytes),
    ];

    public static string CreateTable(string table) =>
        $"CREATE TABLE `{table}` ({string.Join(", ", Columns.Select(c => $"`{c.Name}` {c.Definition}"))})";

    public static IEnumerable<string> Changes(string table) =>
    [
        $"INSERT INTO `{table}` (id) VALUES (1)",
        $$"""
        INSERT INTO `{{table}}` VALUES (2, -128, 255, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615,
         -3.4e38, -1.7976931348623157e308, -123456.7891, -12345678901234567890123456789012345.123456789012345678901234567891, -99999, -0.9999999999999999999999999999,
         '1000-01-01', '-838:59:59', '-838:59:59.000000', '-00:00:01.500', '-12:34:56.7', '1000-01-01 00:00:00', '9999-12-31 23:59:59.999999', '2020-02-29 12:34:56.78', '2001-02-03 04:05:06.0007',
         '1970-01-01 00:00:01', '2038-01-19 03:14:07.999999', '2001-01-01 00:00:00.001', 1901,
         'a', REPEAT('é', 255), 'multi 字节 😀 ñ', REPEAT('x', 1000), 'café €', 'ab', x'00ff1000',
         'tiny', 'text\nwith\ttabs', 'medium', REPEAT('long ', 2000), x'01', x'0203', x'04', REPEAT(x'ff00', 5000),
         'ç', 'x,z', b'1', b'1111111111111111111111111111111111111111111111111111111111111111', b'1010101010', '{"ü": {}, "k": [1, 2.5, "s", null, true]}', ST_GeomFromText('POINT(1 2)'))
        """,
        $$"""
        INSERT INTO `{{table}}` VALUES (3, 127, 0, 32767, 0, 8388607, 0, 2147483647, 0, 9223372036854775807, 0,
         1.5, 2.25, 999999.9999, 0.000000000000000000000000000001, 0, 0.0000000000000000000000000001,
         '0000-00-00', '838:59:59', '123:45:07.1', '00:00:00.001', '00:00:00.1', '0000-00-00 00:00:00', '2020-01-01 00:00:00.000001', '0000-00-00 00:00:00', '2020-00-00 00:00:00',
         '0000-00-00 00:00:00', NULL, '2038-01-19 03:14:07.999', 2155,
         '', '', '', '', '', '', '',
         '', '', '', '', '', '', '', '',
         'a', '', b'0', b'0', b'0', '[]', NULL)
        """,
        $"INSERT INTO `{table}` (id, i, vc, e, s, dtm6) SELECT 100 + seq, -7 * CAST(seq AS SIGNED), CONCAT('row ', seq), ELT(1 + seq % 3, 'a', 'b', 'ç'), ELT(1 + seq % 4, '', 'x', 'y,z', 'x,y,z'), '2024-05-06 07:08:09.123456' + INTERVAL seq SECOND FROM seq_1_to_50",
        $"UPDATE `{table}` SET vc = 'updated ✓', tm6 = '-01:02:03.456789', ts6 = '2001-02-03 04:05:06.123456', e = 'b', s = 'y', j = '{{\"a\": 1}}', yr = 0 WHERE id = 1",
        $"UPDATE `{table}` SET tm6 = '12:00:00.5', latin = 'naïve', biu = 18446744073709551614, dec2 = 1 WHERE id = 3",
        $"UPDATE `{table}` SET i = i + 1 WHERE id BETWEEN 110 AND 119",
        $"DELETE FROM `{table}` WHERE id = 2",
        $"DELETE FROM `{table}` WHERE id > 140",
    ];

    private static Encoding CodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
