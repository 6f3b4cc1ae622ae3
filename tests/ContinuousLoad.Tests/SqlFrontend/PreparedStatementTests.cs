using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.SqlFrontend.MySqlPort;

namespace ContinuousLoad.Tests.SqlFrontend;

/// <summary>
/// A prepared statement's markers and the binary parameters of COM_STMT_EXECUTE, built byte by byte: each value lands at
/// its marker as a literal the parser reads back to the same value, whatever quotes, backslashes or statement text it
/// holds, and a malformed execute is a protocol error.
/// </summary>
public sealed class PreparedStatementTests
{
    private static readonly SqlLimits Limits = SqlLimits.Default;

    [Fact]
    public void Markers_inside_strings_and_comments_are_not_parameters()
    {
        var statement = PreparedStatement.Prepare(1, "SELECT '?', ? /* ? */, `?` FROM t WHERE a = ? -- ?", Limits);

        Assert.Equal(2, statement.ParameterCount);
    }

    [Fact]
    public void A_statement_that_does_not_parse_is_refused_when_prepared() =>
        Assert.Throws<SqlSyntaxException>(() => PreparedStatement.Prepare(1, "SELEC ?", Limits));

    [Fact]
    public void Each_binary_type_becomes_a_literal_of_the_same_value()
    {
        var statement = PreparedStatement.Prepare(1, "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Limits);
        using var payload = new PayloadWriter();
        payload.Write(0).WriteUInt32(1).Write(0b1000_0000).Write(1) // NULL bitmap: the eighth is NULL; types follow
            .WriteUInt16(0x01).WriteUInt16(0x8001).WriteUInt16(0x08).WriteUInt16(0x05).WriteUInt16(0x0C).WriteUInt16(0xFD).WriteUInt16(0xF6).WriteUInt16(0xFD)
            .Write(0xFE) // TINY -2
            .Write(0xFE) // unsigned TINY 254
            .WriteUInt64(unchecked((ulong)long.MinValue))
            .WriteUInt64((ulong)BitConverter.DoubleToInt64Bits(-1.25))
            .Write(11).WriteUInt16(2024).Write(2).Write(29).Write(23).Write(59).Write(58).WriteUInt32(123_456)
            .WriteLengthEncodedBytes("it's \\ '); DROP TABLE t; --"u8)
            .WriteLengthEncodedBytes("-12.500"u8);

        var text = statement.Bind(payload.Payload.Span);

        var values = ((InsertStatement)SqlParser.ParseStatement(text)).Rows.Single();
        Assert.Equal(
            ["-2", "254", "-9223372036854775808", "-1.25", "'2024-02-29 23:59:58.123456'", "'it\\'s \\\\ \\'); DROP TABLE t; --'", "-12.500", "NULL"],
            values.Select(SqlWriter.Write));
        Assert.Equal("it's \\ '); DROP TABLE t; --", ((LiteralExpression)values[5]).Value.AsString);
    }

    [Fact]
    public void Types_sent_once_serve_later_executes_and_long_data_fills_its_parameter()
    {
        var statement = PreparedStatement.Prepare(1, "SELECT ?, ?", Limits);
        using var first = new PayloadWriter();
        first.Write(0).WriteUInt32(1).Write(0).Write(1).WriteUInt16(0x03).WriteUInt16(0xFC).WriteUInt32(7).WriteLengthEncodedBytes("a"u8);
        Assert.Equal("SELECT 7, 'a'", statement.Bind(first.Payload.Span));

        statement.AppendLongData(1, "long "u8);
        statement.AppendLongData(1, "value"u8);
        using var second = new PayloadWriter();
        second.Write(0).WriteUInt32(1).Write(0).Write(0).WriteUInt32(8);
        Assert.Equal("SELECT 8, 'long value'", statement.Bind(second.Payload.Span));
    }

    [Fact]
    public void An_execute_without_types_or_with_values_cut_short_is_a_protocol_error()
    {
        var statement = PreparedStatement.Prepare(1, "SELECT ?", Limits);
        using var untyped = new PayloadWriter();
        untyped.Write(0).WriteUInt32(1).Write(0).Write(0);
        Assert.Throws<MySqlProtocolException>(() => statement.Bind(untyped.Payload.Span));

        using var cut = new PayloadWriter();
        cut.Write(0).WriteUInt32(1).Write(0).Write(1).WriteUInt16(0x08).WriteUInt32(1);
        Assert.Throws<MySqlProtocolException>(() => statement.Bind(cut.Payload.Span));

        using var notANumber = new PayloadWriter();
        notANumber.Write(0).WriteUInt32(1).Write(0).Write(1).WriteUInt16(0xF6).WriteLengthEncodedBytes("1; DROP TABLE t"u8);
        Assert.Throws<MySqlProtocolException>(() => statement.Bind(notANumber.Payload.Span));
    }
}
