using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Tests.Sql;

public sealed class ExpressionEvaluationTests
{
    private static readonly EvaluationContext Context = new(
        EvaluationContext.FindTimeZone("+08:00")!, new DateTime(2024, 5, 6, 1, 2, 3, 456, DateTimeKind.Utc));

    private static (SqlValue Value, DataType Type) Evaluate(string expression)
    {
        var bound = new ExpressionBinder(EmptyScope.Values, timeZone: Context.TimeZone).Bind(SqlParser.ParseExpression(expression));
        return (ExpressionCompiler.Compile(bound)([], Context), bound.Type);
    }

    private static string Show(string expression)
    {
        var (value, type) = Evaluate(expression);
        return value.IsNull ? "NULL" : SqlValueFormat.ToText(value, type.Kind == TypeKind.DateTime ? type.Precision : -1);
    }

    [Theory]
    [InlineData("1 + 2", "3")]
    [InlineData("7 / 2", "3.5")]
    [InlineData("7 DIV 2", "3")]
    [InlineData("-7 % 3", "-1")]
    [InlineData("1 / 0", "NULL")]
    [InlineData("1.10 + 2.205", "3.305")]
    [InlineData("1.5 * 2.25", "3.375")]
    [InlineData("10.00 / 3", "3.333333")]
    [InlineData("CAST(99999999999999999999999999999999999999 AS DECIMAL(38,0)) + 1", "NULL")]
    [InlineData("99999999999999999999999999999999999999 + 1", "100000000000000000000000000000000000000")]
    [InlineData("9223372036854775807 + 1", "NULL")]
    [InlineData("0.1 + 0.2", "0.3")]
    [InlineData("1e0 / 3", "0.3333333333333333")]
    [InlineData("'3' + 4", "7")]
    [InlineData("5 & 3 | 8", "9")]
    public void Computes_arithmetic_exactly(string expression, string expected) => Assert.Equal(expected, Show(expression));

    [Theory]
    [InlineData("NULL AND FALSE", "0")]
    [InlineData("NULL AND TRUE", "NULL")]
    [InlineData("NULL OR TRUE", "1")]
    [InlineData("NOT NULL", "NULL")]
    [InlineData("NULL = NULL", "NULL")]
    [InlineData("NULL <=> NULL", "1")]
    [InlineData("1 IN (2, NULL)", "NULL")]
    [InlineData("1 NOT IN (2, 3)", "1")]
    [InlineData("2 BETWEEN 1 AND 3", "1")]
    [InlineData("'abc' LIKE 'a_c'", "1")]
    [InlineData("'a%c' LIKE 'a\\\\%c'", "1")]
    [InlineData("'abc' LIKE 'A%'", "0")]
    [InlineData("'abc123' REGEXP '^[a-z]+[0-9]+$'", "1")]
    [InlineData("'2024-01-02' = CAST('2024-01-02 00:00:00' AS DATE)", "1")]
    [InlineData("'10' > 9", "1")]
    [InlineData("1.50 = 1.5", "1")]
    [InlineData("'b' > 'a'", "1")]
    public void Follows_three_valued_logic_and_comparisons(string expression, string expected) => Assert.Equal(expected, Show(expression));

    [Fact]
    public void Like_and_regexp_patterns_that_would_backtrack_match_in_linear_time()
    {
        var text = new string('a', 20_000);
        var like = string.Concat(Enumerable.Repeat("%a", 40)) + "b";

        Assert.Equal("0", Show($"'{text}' LIKE '{like}'"));
        Assert.Equal("1", Show($"'{text}b' LIKE '{like}'"));
        Assert.Equal("0", Show($"'{text}' REGEXP '^(a+)+b$'"));
    }

    [Fact]
    public void Regexp_follows_re2_where_backreferences_are_invalid() => Assert.Equal("NULL", Show("'aa' REGEXP '(a)\\\\1'"));

    [Theory]
    [InlineData("CAST('12' AS INT)", "12")]
    [InlineData("CAST('12.7' AS INT)", "NULL")]
    [InlineData("CAST(12.7 AS INT)", "12")]
    [InlineData("CAST('abc' AS INT)", "NULL")]
    [InlineData("CAST(300 AS TINYINT)", "NULL")]
    [InlineData("CAST('1.005' AS DECIMAL(5,2))", "1.01")]
    [InlineData("CAST('-1.005' AS DECIMAL(5,2))", "-1.01")]
    [InlineData("CAST('12345678901234567890123456.1234567891' AS DECIMAL(38,10))", "12345678901234567890123456.1234567891")]
    [InlineData("CAST('1000' AS DECIMAL(3,0))", "NULL")]
    [InlineData("CAST('2024/1/2' AS DATE)", "2024-01-02")]
    [InlineData("CAST('20240102' AS DATE)", "2024-01-02")]
    [InlineData("CAST('2024-02-30' AS DATE)", "NULL")]
    [InlineData("CAST('2024-01-02 03:04:05.1234567' AS DATETIME(6))", "2024-01-02 03:04:05.123457")]
    [InlineData("CAST('2024-01-02 03:04:05.5' AS DATETIME)", "2024-01-02 03:04:06")]
    [InlineData("CAST('2024-01-02T03:04:05Z' AS DATETIME)", "2024-01-02 11:04:05")]
    [InlineData("CAST('20240102030405' AS DATETIME)", "2024-01-02 03:04:05")]
    [InlineData("CAST(1.5e0 AS DECIMAL(4,2))", "1.50")]
    [InlineData("CAST(TRUE AS INT)", "1")]
    [InlineData("CAST('{\"b\": [1, 2], \"a\": \"é\"}' AS JSON)", "{\"b\":[1,2],\"a\":\"é\"}")]
    [InlineData("CAST('[1, 2, null]' AS ARRAY<INT>)", "[1, 2, null]")]
    [InlineData("CAST('[\"x\", \"y\"]' AS ARRAY<STRING>)", "[\"x\", \"y\"]")]
    [InlineData("CAST('[1, \"x\"]' AS ARRAY<INT>)", "NULL")]
    [InlineData("CAST(0.1 AS FLOAT)", "0.1")]
    public void Casts_as_Doris_does(string expression, string expected) => Assert.Equal(expected, Show(expression));

    [Theory]
    [InlineData("year('2024-03-04 05:06:07')", "2024")]
    [InlineData("month('2024-03-04')", "3")]
    [InlineData("day('2024-03-04')", "4")]
    [InlineData("hour('2024-03-04 05:06:07')", "5")]
    [InlineData("minute('2024-03-04 05:06:07')", "6")]
    [InlineData("second('2024-03-04 05:06:07')", "7")]
    [InlineData("now()", "2024-05-06 09:02:03")]
    [InlineData("now(3)", "2024-05-06 09:02:03.456")]
    [InlineData("current_timestamp", "2024-05-06 09:02:03")]
    [InlineData("curdate()", "2024-05-06")]
    [InlineData("date_format('2024-03-04 05:06:07', '%Y/%m/%d %H:%i:%s %W %b %j %p')", "2024/03/04 05:06:07 Monday Mar 064 AM")]
    [InlineData("date_format('2024-03-04', 'yyyy-MM-dd HH:mm:ss')", "2024-03-04 00:00:00")]
    [InlineData("str_to_date('2024-03-04 05:06:07', '%Y-%m-%d %H:%i:%s')", "2024-03-04 05:06:07")]
    [InlineData("str_to_date('04/03/2024', '%d/%m/%Y')", "2024-03-04")]
    [InlineData("str_to_date('2024-03-04 05:06:07.5', '%Y-%m-%d %H:%i:%s.%f')", "2024-03-04 05:06:07.500000")]
    [InlineData("str_to_date('Mar 4 2024 5:06 PM', '%b %e %Y %l:%i %p')", "2024-03-04 17:06:00")]
    [InlineData("str_to_date('nope', '%Y')", "NULL")]
    [InlineData("from_unixtime(0)", "1970-01-01 08:00:00")]
    [InlineData("from_unixtime(1700000000, '%Y-%m-%d')", "2023-11-15")]
    [InlineData("unix_timestamp('1970-01-01 08:00:01')", "1")]
    [InlineData("unix_timestamp('2024-01-01', '%Y-%m-%d')", "1704038400")]
    [InlineData("unix_timestamp()", "1714957323")]
    [InlineData("date_add('2024-01-31', INTERVAL 1 MONTH)", "2024-02-29")]
    [InlineData("date_add('2024-01-31 10:00:00.25', INTERVAL 1 SECOND)", "2024-01-31 10:00:01.25")]
    [InlineData("date_sub(CAST('2024-03-01' AS DATE), INTERVAL 1 DAY)", "2024-02-29")]
    [InlineData("CAST('2024-03-01' AS DATE) + INTERVAL 2 HOUR", "2024-03-01 02:00:00")]
    [InlineData("datediff('2024-03-01', '2024-02-01 23:00:00')", "29")]
    [InlineData("date_trunc('2024-05-17 10:11:12', 'month')", "2024-05-01 00:00:00")]
    [InlineData("last_day('2024-02-10')", "2024-02-29")]
    [InlineData("days_add('2024-02-28', 2)", "2024-03-01")]
    [InlineData("hours_add('2024-02-28', 2)", "2024-02-28 02:00:00")]
    public void Computes_date_and_time_functions_in_the_session_zone(string expression, string expected) =>
        Assert.Equal(expected, Show(expression));

    [Theory]
    [InlineData("concat('a', 1, 2.5)", "a12.5")]
    [InlineData("concat('a', NULL)", "NULL")]
    [InlineData("concat_ws('-', 'a', NULL, 'b')", "a-b")]
    [InlineData("substr('héllo', 2, 3)", "éll")]
    [InlineData("substr('hello', -3)", "llo")]
    [InlineData("substring('hello', 0)", "")]
    [InlineData("upper('abc')", "ABC")]
    [InlineData("lower('ABC')", "abc")]
    [InlineData("trim('  a b  ')", "a b")]
    [InlineData("length('héllo')", "6")]
    [InlineData("char_length('héllo😀')", "6")]
    [InlineData("replace('a.b.c', '.', '-')", "a-b-c")]
    [InlineData("split_part('a,b,c', ',', 2)", "b")]
    [InlineData("split_part('a,b,c', ',', 4)", "NULL")]
    [InlineData("lpad('7', 3, '0')", "007")]
    [InlineData("rpad('ab', 5, 'xy')", "abxyx")]
    [InlineData("lpad('hello', 2, '0')", "he")]
    [InlineData("left('hello', 2)", "he")]
    [InlineData("right('hello', 2)", "lo")]
    [InlineData("locate('l', 'hello')", "3")]
    [InlineData("reverse('ab😀')", "😀ba")]
    [InlineData("md5('abc')", "900150983cd24fb0d6963f7d28e17f72")]
    [InlineData("if(1 > 2, 'x', 'y')", "y")]
    [InlineData("ifnull(NULL, 3)", "3")]
    [InlineData("coalesce(NULL, NULL, 'z')", "z")]
    [InlineData("nullif(1, 1)", "NULL")]
    [InlineData("CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' END", "two")]
    [InlineData("CASE WHEN NULL THEN 1 ELSE 0 END", "0")]
    [InlineData("greatest(1, 3.5, 2)", "3.5")]
    [InlineData("abs(-5)", "5")]
    [InlineData("round(2.5)", "3")]
    [InlineData("round(-2.5)", "-3")]
    [InlineData("round(1.2345, 2)", "1.23")]
    [InlineData("round(1234.5, -2)", "1200")]
    [InlineData("round(2.5e0)", "3")]
    [InlineData("floor(-1.5)", "-2")]
    [InlineData("ceil(1.2)", "2")]
    [InlineData("ceil(1.2e0)", "2")]
    [InlineData("mod(10, 3)", "1")]
    [InlineData("truncate(1.999, 2)", "1.99")]
    [InlineData("pow(2, 10)", "1024")]
    public void Computes_string_conditional_and_math_functions(string expression, string expected) =>
        Assert.Equal(expected, Show(expression));

    [Theory]
    [InlineData("nosuch(1)", "Can not found function 'nosuch'")]
    [InlineData("upper('a', 'b')", "Function upper takes 1 argument(s), not 2")]
    [InlineData("count(1)", "aggregate function count() is not allowed here")]
    [InlineData("x + 1", "Unknown column 'x' in 'VALUES'")]
    [InlineData("now(9)", "now() precision must be a constant from 0 to 6")]
    public void Reports_unbindable_expressions(string expression, string message) =>
        Assert.Contains(message, Assert.Throws<ContinuousLoad.Sql.SqlSemanticException>(() => Evaluate(expression)).Message, StringComparison.Ordinal);
}
