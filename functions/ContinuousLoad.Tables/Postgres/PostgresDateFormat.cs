using System.Text;
using ContinuousLoad.Sql.Conversion;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>Translates MySQL/Doris date format specifiers into PostgreSQL <c>to_char</c>/<c>to_timestamp</c> patterns.</summary>
internal static class PostgresDateFormat
{
    public static string Translate(string mysql)
    {
        var format = MySqlDateFormat.Normalize(mysql);
        var pattern = new StringBuilder();
        var literal = new StringBuilder();
        void Flush()
        {
            if (literal.Length > 0)
            {
                pattern.Append('"').Append(literal.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
                literal.Clear();
            }
        }

        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                literal.Append(format[i]);
                continue;
            }

            var spec = format[++i];
            var translated = spec switch
            {
                'Y' => "YYYY",
                'y' => "YY",
                'm' => "MM",
                'c' => "FMMM",
                'd' => "DD",
                'e' => "FMDD",
                'H' => "HH24",
                'k' => "FMHH24",
                'h' or 'I' => "HH12",
                'l' => "FMHH12",
                'i' => "MI",
                's' or 'S' => "SS",
                'f' => "US",
                'p' => "AM",
                'M' => "FMMonth",
                'b' => "Mon",
                'W' => "FMDay",
                'a' => "Dy",
                'j' => "DDD",
                'T' => "HH24:MI:SS",
                'r' => "HH12:MI:SS AM",
                'v' => "IW",
                'x' => "IYYY",
                '%' => null,
                _ => throw new DorisException($"date format specifier %{spec} is not supported by the postgres store"),
            };
            if (translated is null)
            {
                literal.Append('%');
                continue;
            }

            Flush();
            pattern.Append(translated);
        }

        Flush();
        return pattern.ToString();
    }
}
