using System.Globalization;
using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Conversion;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>Each scalar function in PostgreSQL terms, with the MySQL/Doris edge behaviour reproduced.</summary>
internal sealed partial class PostgresQueryEmitter
{
    private string Call(BoundCall call, string[] a)
    {
        var type = PostgresTypes.Of(call.Type);
        string As(string sql) => $"CAST({sql} AS {type})";
        var name = call.Function.Name;
        switch (name)
        {
            case "year" or "month" or "day" or "hour" or "minute" or "second" or "quarter":
                return $"CAST(EXTRACT({name.ToUpperInvariant()} FROM {a[0]}) AS integer)";
            case "dayofweek":
                return $"(CAST(EXTRACT(DOW FROM {a[0]}) AS integer) + 1)";
            case "dayofyear":
                return $"CAST(EXTRACT(DOY FROM {a[0]}) AS integer)";
            case "weekofyear":
                return $"CAST(EXTRACT(WEEK FROM {a[0]}) AS integer)";
            case "now":
                var precision = call.Type.Precision;
                var unit = precision >= 6 ? 1 : (long)Math.Pow(10, 6 - precision);
                return $"CAST({Parameter(SqlValueFormat.FormatDateTime(context.NowMicros / unit * unit, 6))} AS {type})";
            case "curdate":
                return $"CAST({Parameter(SqlValueFormat.FormatDate(DateOnly.FromDayNumber((int)(context.NowMicros / 86_400_000_000))))} AS date)";
            case "utc_timestamp":
                return $"CAST({Parameter(context.StatementStartUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))} AS timestamp(0))";
            case "date_format":
                return $"to_char({a[0]}, {Parameter(PostgresDateFormat.Translate(ConstantText(call, 1)))})";
            case "str_to_date":
                return As($"cl_catalog.try_to_timestamp({a[0]}, {Parameter(PostgresDateFormat.Translate(ConstantText(call, 1)))})");
            case "from_unixtime":
                var pattern = call.Arguments.Length > 1 ? ConstantText(call, 1) : "%Y-%m-%d %H:%i:%s";
                return $"CASE WHEN {a[0]} BETWEEN 0 AND 253402271999 THEN to_char(cl_catalog.local_time(to_timestamp({a[0]}), {Zone()}), " +
                       $"{Parameter(PostgresDateFormat.Translate(pattern))}) END";
            case "unix_timestamp":
                if (a.Length == 0)
                {
                    return context.ToUnixSeconds(context.NowMicros).ToString(CultureInfo.InvariantCulture);
                }

                var moment = a.Length == 1 ? a[0] : $"cl_catalog.try_to_timestamp({a[0]}, {Parameter(PostgresDateFormat.Translate(ConstantText(call, 1)))})";
                return $"GREATEST(0, CAST(floor(EXTRACT(EPOCH FROM cl_catalog.at_zone({moment}, {Zone()}))) AS bigint))";
            case "to_date":
                return a[0];
            case "last_day":
                return $"CAST(date_trunc('month', {a[0]}) + interval '1 month - 1 day' AS date)";
            case "datediff":
                return $"({a[0]} - {a[1]})";
            case "date_trunc":
                var unitFirst = call.Arguments[0].Type.IsString;
                return As($"date_trunc(lower({a[unitFirst ? 0 : 1]}), {a[unitFirst ? 1 : 0]})");
            case "date_add" or "date_sub":
                var shift = call.Arguments.Length == 3 ? ConstantText(call, 2) : "DAY";
                return As($"{a[0]} {(name == "date_add" ? "+" : "-")} {Interval(a[1], shift)}");
            case var shifted when shifted.EndsWith("s_add", StringComparison.Ordinal) || shifted.EndsWith("s_sub", StringComparison.Ordinal):
                return As($"{a[0]} {(shifted.EndsWith("add", StringComparison.Ordinal) ? "+" : "-")} {Interval(a[1], shifted[..shifted.IndexOf('s', StringComparison.Ordinal)])}");
            case "concat":
                return "(" + string.Join(" || ", a) + ")";
            case "concat_ws":
                return $"concat_ws({string.Join(", ", a)})";
            case "substr":
                return $"cl_catalog.substr({a[0]}, {a[1]}, {(a.Length > 2 ? a[2] : "2147483647")})";
            case "left" or "right":
                return $"{name}({a[0]}, CAST(GREATEST({a[1]}, 0) AS integer))";
            case "upper" or "lower" or "reverse" or "md5" or "char_length":
                return $"{name}({a[0]})";
            case "trim":
                return $"btrim({a[0]}, ' ')";
            case "ltrim" or "rtrim":
                return $"{name}({a[0]}, ' ')";
            case "length":
                return $"octet_length({a[0]})";
            case "replace":
                return $"replace({a[0]}, {a[1]}, {a[2]})";
            case "split_part":
                return $"cl_catalog.split_part({a[0]}, {a[1]}, {a[2]})";
            case "lpad" or "rpad":
                return $"CASE WHEN {a[1]} < 0 OR {a[1]} > 16777216 THEN NULL WHEN {a[2]} = '' AND {a[1]} > char_length({a[0]}) THEN NULL " +
                       $"ELSE {name}({a[0]}, CAST({a[1]} AS integer), {a[2]}) END";
            case "locate":
                return $"cl_catalog.locate({a[0]}, {a[1]}, {(a.Length > 2 ? a[2] : "1")})";
            case "instr":
                return $"strpos({a[0]}, {a[1]})";
            case "starts_with":
                return $"starts_with({a[0]}, {a[1]})";
            case "ends_with":
                return $"(right({a[0]}, char_length({a[1]})) = {a[1]})";
            case "repeat":
                return $"CASE WHEN char_length({a[0]}) * GREATEST({a[1]}, 0) > 16777216 THEN NULL ELSE repeat({a[0]}, CAST(GREATEST({a[1]}, 0) AS integer)) END";
            case "sha2":
                var bits = call.Arguments[1] is BoundLiteral { Value.Kind: ValueKind.Integer } literal ? literal.Value.AsInteger : -1;
                return bits switch
                {
                    0 or 256 => $"encode(sha256(convert_to({a[0]}, 'UTF8')), 'hex')",
                    384 => $"encode(sha384(convert_to({a[0]}, 'UTF8')), 'hex')",
                    512 => $"encode(sha512(convert_to({a[0]}, 'UTF8')), 'hex')",
                    _ => "CAST(NULL AS text)",
                };
            case "if":
                return $"CASE WHEN {a[0]} THEN {a[1]} ELSE {a[2]} END";
            case "ifnull" or "coalesce":
                return $"COALESCE({string.Join(", ", a)})";
            case "nullif":
                return $"NULLIF({a[0]}, {a[1]})";
            case "greatest" or "least":
                return $"CASE WHEN {string.Join(" OR ", a.Select(x => $"{x} IS NULL"))} THEN NULL ELSE {name.ToUpperInvariant()}({string.Join(", ", a)}) END";
            case "abs":
                return As($"abs({a[0]})");
            case "round" or "truncate":
                var function = name == "round" ? "round" : "trunc";
                var digits = a.Length > 1 ? $"CAST({a[1]} AS integer)" : "0";
                return As($"{function}(({a[0]})::numeric, {digits})");
            case "floor" or "ceil":
                return As($"{name}({a[0]})");
            case "mod":
                return call.Type.Kind == TypeKind.Double
                    ? $"({a[0]} - {a[1]} * trunc({a[0]} / NULLIF({a[1]}, 0)))"
                    : As($"mod({a[0]}, NULLIF({a[1]}, 0))");
            case "sqrt":
                return $"CASE WHEN {a[0]} >= 0 THEN sqrt({a[0]}) END";
            case "exp":
                return $"CASE WHEN {a[0]} < 709 THEN exp({a[0]}) END";
            case "ln":
                return $"CASE WHEN {a[0]} > 0 THEN ln({a[0]}) END";
            case "log10":
                return $"CASE WHEN {a[0]} > 0 THEN log({a[0]}) END";
            case "log2":
                return $"CASE WHEN {a[0]} > 0 THEN ln({a[0]}) / ln(2) END";
            case "pow":
                return $"CASE WHEN {a[0]} < 0 AND {a[1]} <> trunc({a[1]}) THEN NULL ELSE power({a[0]}, {a[1]}) END";
            case "sign":
                return As($"sign({a[0]})");
            case "pi":
                return "pi()";
            default:
                throw new DorisException($"function {name}() is not supported by the postgres store");
        }
    }

    private static string Interval(string amount, string unit) => unit.ToUpperInvariant() switch
    {
        "QUARTER" => $"({amount} * interval '3 month')",
        "WEEK" => $"({amount} * interval '7 day')",
        var u => $"({amount} * interval '1 {u.ToLowerInvariant()}')",
    };

    private static string ConstantText(BoundCall call, int argument) =>
        call.Arguments[argument] is BoundLiteral { Value.Kind: ValueKind.String } literal
            ? literal.Value.AsString
            : throw new DorisException($"{call.Function.Name}() needs a constant format on the postgres store");
}
