using System.Globalization;
using System.Text;

namespace ContinuousLoad.Testing.Fuzzing;

/// <summary>
/// Random statements and expressions from the grammar we serve, with awkward values (huge numbers, odd
/// text, extreme lengths and repeat counts) where values go. Well-formed by construction; damage comes
/// from <see cref="Mutations"/>.
/// </summary>
public sealed class SqlGenerator(Random random)
{
    /// <summary>Columns a fuzzed expression may name, with the types <see cref="FuzzScope"/> gives them.</summary>
    public static readonly string[] Columns = ["i", "s", "d", "x", "f", "b"];

    private static readonly string[] Functions =
    [
        "abs", "ceil", "floor", "round", "truncate", "sqrt", "pow", "exp", "ln", "log10", "mod", "sign", "pi", "greatest", "least",
        "concat", "concat_ws", "substr", "substring", "left", "right", "length", "char_length", "lower", "upper", "trim", "ltrim",
        "rtrim", "lpad", "rpad", "repeat", "replace", "reverse", "instr", "locate", "split_part", "starts_with", "ends_with", "md5",
        "sha2", "if", "ifnull", "nullif", "coalesce", "nvl", "now", "curdate", "date", "year", "month", "day", "hour", "minute",
        "second", "quarter", "week", "dayofweek", "dayofyear", "last_day", "datediff", "date_add", "date_sub", "date_format",
        "date_trunc", "str_to_date", "from_unixtime", "unix_timestamp", "to_date", "count", "sum", "min", "max", "avg", "nosuchfn",
    ];

    private static readonly string[] Literals =
    [
        "0", "1", "-1", "127", "128", "32768", "2147483648", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "170141183460469231731687303715884105727", "-170141183460469231731687303715884105728", "99999999999999999999999999999999999999",
        "1.5", "0.1", "-0.000000001", "1e308", "1e-308", "1e999", "12345678901234567890.123456789", "1000000000", "2000000000", "-2147483648",
        "NULL", "TRUE", "FALSE", "''", "'a'", "'%'", "'_'", "'\\\\'", "'it''s'", "'\\n\\t'", "'2024-02-29'", "'2024-02-30 25:61:61'",
        "'0000-00-00'", "'9999-12-31 23:59:59.999999'", "'+08:00'", "'[1, 2]'", "'{\"a\": [1]}'", "'\u00e9\u4e2d\ud83d\ude00'",
        "'%Y-%m-%d %H:%i:%s'", "'(a+)+b'", "'^[a-z]+$'", "DATE '2024-01-02'", "TIMESTAMP '2024-01-02 03:04:05'",
    ];

    private static readonly string[] Types =
    [
        "INT", "TINYINT", "SMALLINT", "BIGINT", "LARGEINT", "BOOLEAN", "FLOAT", "DOUBLE", "DECIMAL(10, 2)", "DECIMAL(38, 10)", "DECIMAL(1, 0)",
        "DATE", "DATETIME", "DATETIME(6)", "CHAR(3)", "VARCHAR(10)", "STRING", "JSON", "ARRAY<INT>", "ARRAY<ARRAY<STRING>>", "SIGNED", "CHAR",
    ];

    private static readonly string[] Binary =
    [
        "+", "-", "*", "/", "%", "DIV", "MOD", "&", "|", "^", "<<", ">>", "=", "<=>", "!=", "<>", "<", "<=", ">", ">=", "AND", "OR", "XOR", "&&", "||",
    ];

    private static readonly string[] Units = ["YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND", "MICROSECOND"];

    public string Expression(int depth = 4)
    {
        if (depth <= 0 || random.Next(4) == 0)
        {
            return random.Next(3) == 0 ? Columns[random.Next(Columns.Length)] : Literals[random.Next(Literals.Length)];
        }

        var d = depth - 1;
        return random.Next(14) switch
        {
            0 => $"{Expression(d)} {Binary[random.Next(Binary.Length)]} {Expression(d)}",
            1 => $"{Pick("-", "NOT ", "~", "!", "+")}{Expression(d)}",
            2 => $"({Expression(d)})",
            3 => $"{Expression(d)} IS {Pick("", "NOT ")}NULL",
            4 => $"{Expression(d)} {Pick("", "NOT ")}IN ({List(d, 1 + random.Next(4))})",
            5 => $"{Expression(d)} {Pick("", "NOT ")}BETWEEN {Expression(d)} AND {Expression(d)}",
            6 => $"{Expression(d)} {Pick("LIKE", "NOT LIKE", "REGEXP", "RLIKE")} {Expression(d)}",
            7 => random.Next(2) == 0
                ? $"CASE WHEN {Expression(d)} THEN {Expression(d)} {Pick("", $"ELSE {Expression(d)} ")}END"
                : $"CASE {Expression(d)} WHEN {Expression(d)} THEN {Expression(d)} WHEN {Expression(d)} THEN {Expression(d)} END",
            8 => $"CAST({Expression(d)} AS {Types[random.Next(Types.Length)]})",
            9 => $"{Pick("date_add", "date_sub")}({Expression(d)}, INTERVAL {Expression(d)} {Units[random.Next(Units.Length)]})",
            10 => $"{Expression(d)} {Pick("+", "-")} INTERVAL {Expression(d)} {Units[random.Next(Units.Length)]}",
            _ => $"{Functions[random.Next(Functions.Length)]}({List(d, random.Next(4))})",
        };
    }

    public string Statement()
    {
        return random.Next(8) switch
        {
            0 or 1 or 2 => Select(2),
            3 => $"INSERT INTO t {Pick("", "(i, s) ", "WITH LABEL l1 ")}VALUES {string.Join(", ", Enumerable.Range(0, 1 + random.Next(3)).Select(_ => $"({List(2, 2)})"))}",
            4 => $"INSERT {Pick("", "/*+ SET_VAR(insert_timeout = 5) */ ")}INTO db.t {Select(1)}",
            5 => $"CREATE TABLE {Pick("", "IF NOT EXISTS ")}t2 (k INT, v {Types[random.Next(Types.Length)]} {Pick("", "NOT NULL", "NULL DEFAULT '1'")}) " +
                 $"{Pick("DUPLICATE", "UNIQUE", "AGGREGATE")} KEY(k) DISTRIBUTED BY HASH(k) BUCKETS {random.Next(1, 20)}",
            6 => $"SET {Pick("", "GLOBAL ", "SESSION ")}{Pick("query_timeout", "insert_timeout", "max_scan_rows", "sql_select_limit", "nope")} = {Literals[random.Next(Literals.Length)]}",
            _ => Pick(
                "SHOW DATABASES", "SHOW TABLES", "DESC t", "SHOW CREATE TABLE t", "DROP TABLE IF EXISTS t", "TRUNCATE TABLE t",
                "PAUSE JOB WHERE jobname = 'j'", "RESUME JOB WHERE jobName = 'j'", "DROP JOB IF EXISTS WHERE jobName = 'j'",
                "ALTER TABLE t ADD COLUMN c INT", "CREATE DATABASE IF NOT EXISTS d",
                "CREATE JOB j ON STREAMING DO INSERT INTO t SELECT c1, c2 FROM S3(\"uri\" = \"s3://b/*.csv\", \"format\" = \"csv\") WHERE c1 > 0",
                "CREATE JOB j PROPERTIES (\"max_interval\" = \"5\") ON STREAMING FROM MYSQL (\"jdbc_url\" = \"jdbc:mysql://127.0.0.1\") TO DATABASE d",
                "SELECT * FROM jobs(\"type\" = \"insert\") WHERE Name = 'j'"),
        };
    }

    public string Select(int depth)
    {
        var text = new StringBuilder("SELECT ");
        text.Append(Pick("", "DISTINCT ", "/*+ SET_VAR(query_timeout = 3) */ "));
        text.Append(random.Next(5) == 0 ? "*" : string.Join(", ", Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Expression(3) + Pick("", " AS a", " b"))));
        if (random.Next(4) > 0)
        {
            text.Append(" FROM ").Append(Source(depth));
        }

        if (random.Next(2) == 0)
        {
            text.Append(" WHERE ").Append(Expression(3));
        }

        if (random.Next(4) == 0)
        {
            text.Append(" GROUP BY ").Append(List(2, 1 + random.Next(2))).Append(Pick("", $" HAVING {Expression(2)}"));
        }

        if (random.Next(3) == 0)
        {
            text.Append(" ORDER BY ").Append(Expression(2)).Append(Pick("", " DESC", " ASC NULLS LAST"));
        }

        if (random.Next(3) == 0)
        {
            text.Append(" LIMIT ").Append(random.Next(100).ToString(CultureInfo.InvariantCulture)).Append(Pick("", " OFFSET 3", ", 2"));
        }

        if (depth > 0 && random.Next(6) == 0)
        {
            text.Append(Pick(" UNION ", " UNION ALL ", " INTERSECT ", " EXCEPT ")).Append(Select(depth - 1));
        }

        return text.ToString();
    }

    private string Source(int depth) => random.Next(depth > 0 ? 6 : 3) switch
    {
        0 => "t",
        1 => "db.t x",
        2 => "t a JOIN u b ON a.i = b.i",
        3 => $"({Select(depth - 1)}) q",
        4 => $"t {Pick("LEFT", "RIGHT", "FULL", "CROSS", "INNER")} JOIN ({Select(depth - 1)}) q {Pick("ON TRUE", "USING (i)", "")}",
        _ => "((t))",
    };

    private string List(int depth, int count) => string.Join(", ", Enumerable.Range(0, count).Select(_ => Expression(depth)));

    private string Pick(params string[] choices) => choices[random.Next(choices.Length)];
}
