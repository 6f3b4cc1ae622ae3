using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Protocol;
using ContinuousLoad.Sources.Postgres.Values;
using ContinuousLoad.Sql.Conversion;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Testing.Fuzzing;
using ContinuousLoad.Tests.Sources.Postgres;

namespace ContinuousLoad.Tests.Fuzzing;

/// <summary>Every failure the fuzz tests found, kept as the smallest input that showed it.</summary>
public sealed class FoundByFuzzingTests
{
    [Theory]
    [InlineData("9999-12-31 23:59:59.999999", 0)]
    [InlineData("9999-12-31 23:59:59.95", 1)]
    [InlineData("9999-12-31T23:59:59.5", 0)]
    public void A_datetime_that_rounds_past_the_last_second_there_is_invalid_not_a_crash(string text, int precision)
    {
        // Loading this value used to throw ArgumentOutOfRangeException out of the load (seed 20261207, input 12).
        var result = ValueConverter.Convert(SqlValue.FromString(text), DataType.String, DataType.DateTime(precision), TimeZoneInfo.Utc);

        Assert.True(result.Value.IsNull);
        Assert.Equal("9999-12-31 23:59:59.999999",
            ValueConverter.Convert(SqlValue.FromString("9999-12-31 23:59:59.999999"), DataType.String, DataType.DateTime(6), TimeZoneInfo.Utc).Value.ToString());
    }

    [Theory]
    [InlineData("Asia/")]
    [InlineData("../../etc/passwd")]
    [InlineData("")]
    public void A_time_zone_that_names_a_folder_or_a_path_is_unknown(string name)
    {
        // "Asia/" used to throw SecurityException out of header parsing (seed 20261207, input 855).
        Assert.Null(EvaluationContext.FindTimeZone(name));
        if (name.Length > 0)
        {
            var error = Assert.Throws<LoadRequestException>(() => LoadOptionsParser.Parse(header => header == "timezone" ? name : null));
            Assert.Contains("Unknown or incorrect time zone", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_decimal_literal_without_fraction_digits_prints_back_as_a_decimal()
    {
        // "0." printed as "0", which reads back as an integer: the printed job SQL meant another type (damaged statements, seed 20261207).
        var literal = SqlParser.ParseExpression("0.");

        Assert.Equal("0.", SqlWriter.Write(literal));
        Assert.Equal(literal, SqlParser.ParseExpression(SqlWriter.Write(literal)));
    }

    [Fact]
    public void A_pgoutput_begin_with_a_time_beyond_year_9999_is_a_protocol_violation()
    {
        // A damaged commit time used to throw ArgumentOutOfRangeException from the decoder (pgoutput, seed 20261207, input 25).
        var begin = PgOutputBytes.Message('B').Int64(0x1_0000_0100).Int64(long.MaxValue).Int32(900).ToArray();

        var error = Assert.Throws<PostgresSourceException>(() => new PgOutputDecoder(PgTypeCatalog.BuiltinOnly.Find).Decode(begin));

        Assert.Equal(PostgresSourceError.ProtocolViolation, error.Error);
    }

    [Fact]
    public void Pgoutput_counts_larger_than_their_message_are_protocol_violations_not_huge_allocations()
    {
        // A truncate of 0x10000001 relations used to allocate 2 GB before reading them (pgoutput, seed 20261207, input 137).
        var decoder = new PgOutputDecoder(PgTypeCatalog.BuiltinOnly.Find);
        decoder.Decode(PgOutputBytes.Message('B').Int64(0x1_0000_0100).Int64(0).Int32(900).ToArray());
        var truncate = PgOutputBytes.Message('T').Int32(0x1000_0001).Byte(3).Int32(16384).ToArray();
        var relation = PgOutputBytes.Message('R').Int32(16384).String("public").String("t").Byte((byte)'d').Int16(-1).ToArray();

        Assert.Equal(PostgresSourceError.ProtocolViolation, Assert.Throws<PostgresSourceException>(() => decoder.Decode(truncate)).Error);
        Assert.Equal(PostgresSourceError.ProtocolViolation, Assert.Throws<PostgresSourceException>(() => decoder.Decode(relation)).Error);
        Assert.Equal(PostgresSourceError.ProtocolViolation, Assert.Throws<PostgresSourceException>(() => PgOutputDecoder.RelationTypeOids(relation)).Error);
    }
}
