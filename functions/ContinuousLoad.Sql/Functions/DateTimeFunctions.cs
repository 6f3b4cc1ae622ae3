using System.Globalization;
using ContinuousLoad.Sql.Conversion;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Sql.Functions;

/// <summary>Date and time functions. Arguments convert to DATETIME(6) (or DATE) first, so strings in Doris's date forms work.</summary>
public static class DateTimeFunctions
{
    private const long MicrosPerSecond = 1_000_000;
    private const long MicrosPerDay = 86_400 * MicrosPerSecond;
    private const string DefaultFormat = "%Y-%m-%d %H:%i:%s";
    private static readonly DataType Precise = DataType.DateTime(6);

    private static readonly HashSet<string> TruncUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        "year", "quarter", "month", "week", "day", "hour", "minute", "second",
    };

    public static void Register(FunctionRegistry registry)
    {
        Part(registry, "year", d => d.Year);
        Part(registry, "month", d => d.Month);
        Part(registry, "day", d => d.Day, "dayofmonth");
        Part(registry, "hour", d => d.Hour);
        Part(registry, "minute", d => d.Minute);
        Part(registry, "second", d => d.Second);
        Part(registry, "quarter", d => (d.Month + 2) / 3);
        Part(registry, "dayofweek", d => (int)d.DayOfWeek + 1, "dayofweek_iso");
        Part(registry, "dayofyear", d => d.DayOfYear);
        Part(registry, "weekofyear", ISOWeek.GetWeekOfYear);

        registry.Add(new ScalarFunction("now", 0, 1, CurrentTime, (a, c) => Now(a, c)), "current_timestamp", "localtime", "localtimestamp", "sysdate");
        registry.Add(new ScalarFunction("curdate", 0, 0, Signatures.Fixed(DataType.Date),
            (_, c) => SqlValue.FromDate(DateOnly.FromDayNumber((int)(c.NowMicros / MicrosPerDay)))), "current_date");
        registry.Add(new ScalarFunction("utc_timestamp", 0, 0, Signatures.Fixed(DataType.DateTime()),
            (_, c) => SqlValue.FromDateTimeMicros(c.StatementStartUtc.Ticks / 10 / MicrosPerSecond * MicrosPerSecond)));

        registry.Add(new ScalarFunction("date_format", 2, 2, Signatures.Fixed(DataType.String, Precise, DataType.String),
            (a, _) => SqlValue.FromString(MySqlDateFormat.Format(a[0].AsDateTimeMicros, a[1].AsString))));
        registry.Add(new ScalarFunction("str_to_date", 2, 2, StrToDateSignature, StrToDate));
        registry.Add(new ScalarFunction("from_unixtime", 1, 2, Signatures.Fixed(DataType.String, DataType.BigInt, DataType.String), FromUnixTime));
        registry.Add(new ScalarFunction("unix_timestamp", 0, 2, UnixTimestampSignature, UnixTimestamp));

        registry.Add(new ScalarFunction("to_date", 1, 1, Signatures.Fixed(DataType.Date, DataType.Date), (a, _) => a[0]), "date");
        registry.Add(new ScalarFunction("last_day", 1, 1, Signatures.Fixed(DataType.Date, DataType.Date), (a, _) =>
        {
            var date = a[0].AsDate;
            return SqlValue.FromDate(new DateOnly(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month)));
        }));
        registry.Add(new ScalarFunction("datediff", 2, 2, Signatures.Fixed(DataType.Int, DataType.Date, DataType.Date),
            (a, _) => SqlValue.FromInteger(a[0].AsDate.DayNumber - a[1].AsDate.DayNumber)));
        registry.Add(new ScalarFunction("date_trunc", 2, 2, DateTruncSignature, DateTrunc));

        registry.Add(new ScalarFunction("date_add", 2, 3, AddSignature, (a, _) => Add(a, 1)), "adddate");
        registry.Add(new ScalarFunction("date_sub", 2, 3, AddSignature, (a, _) => Add(a, -1)), "subdate");
        foreach (var unit in new[] { "year", "month", "week", "day", "hour", "minute", "second" })
        {
            var upper = unit.ToUpperInvariant();
            registry.Add(new ScalarFunction($"{unit}s_add", 2, 2, UnitSignature(upper), (a, _) => Shift(a[0], a[1].AsInteger, upper)));
            registry.Add(new ScalarFunction($"{unit}s_sub", 2, 2, UnitSignature(upper), (a, _) => Shift(a[0], -a[1].AsInteger, upper)));
        }
    }

    /// <summary>
    /// The temporal type an argument is read as: DATE and DATETIME stay; a string literal is a DATE
    /// without a time part, else a DATETIME with its written fraction digits (as MySQL reads literals);
    /// any other string is DATETIME(6).
    /// </summary>
    private static DataType Temporal(DataType argument, SqlValue? constant)
    {
        if (argument.IsTemporal)
        {
            return argument;
        }

        if (constant is not { Kind: ValueKind.String } text)
        {
            return Precise;
        }

        var value = text.AsString.Trim();
        var timeAt = value.IndexOfAny([' ', 'T']);
        if (timeAt < 0 && value.Length != 14)
        {
            return DataType.Date;
        }

        var point = value.LastIndexOf('.');
        var digits = point > Math.Max(timeAt, 0) ? value[(point + 1)..].TakeWhile(char.IsAsciiDigit).Count() : 0;
        return DataType.DateTime(Math.Min(digits, DataType.MaxDateTimePrecision));
    }

    private static void Part(FunctionRegistry registry, string name, Func<DateTime, int> part, params string[] aliases) =>
        registry.Add(new ScalarFunction(name, 1, 1, Signatures.Fixed(DataType.Int, Precise),
            (a, _) => SqlValue.FromInteger(part(a[0].AsDateTime))), aliases);

    private static FunctionSignature CurrentTime(IReadOnlyList<DataType> arguments, IReadOnlyList<SqlValue?> constants)
    {
        var precision = 0;
        if (arguments.Count == 1)
        {
            if (constants[0] is not { Kind: ValueKind.Integer } digits || digits.AsInteger is < 0 or > 6)
            {
                throw new SqlSemanticException("now() precision must be a constant from 0 to 6");
            }

            precision = (int)digits.AsInteger;
        }

        return new FunctionSignature([.. arguments.Select(_ => (DataType)DataType.TinyInt)], DataType.DateTime(precision));
    }

    private static SqlValue Now(ReadOnlySpan<SqlValue> arguments, EvaluationContext context)
    {
        var precision = arguments.Length == 1 ? (int)arguments[0].AsInteger : 0;
        var unit = precision >= 6 ? 1 : (long)Math.Pow(10, 6 - precision);
        return SqlValue.FromDateTimeMicros(context.NowMicros / unit * unit);
    }

    /// <summary>A constant format decides the result: no time part gives DATE, %f DATETIME(6), else DATETIME.</summary>
    private static FunctionSignature StrToDateSignature(IReadOnlyList<DataType> arguments, IReadOnlyList<SqlValue?> constants)
    {
        var result = constants[1] is { Kind: ValueKind.String } format
            ? !MySqlDateFormat.HasTimePart(format.AsString) ? DataType.Date
            : format.AsString.Contains("%f", StringComparison.Ordinal) ? Precise : DataType.DateTime()
            : Precise;
        return new FunctionSignature([DataType.String, DataType.String], result);
    }

    private static SqlValue StrToDate(ReadOnlySpan<SqlValue> arguments, EvaluationContext context) =>
        MySqlDateFormat.Parse(arguments[0].AsString.Trim(), arguments[1].AsString) is { } micros
            ? SqlValue.FromDateTimeMicros(micros)
            : SqlValue.Null;

    private static SqlValue FromUnixTime(ReadOnlySpan<SqlValue> arguments, EvaluationContext context)
    {
        var seconds = arguments[0].AsInteger;
        if (seconds is < 0 or > 253402271999)
        {
            return SqlValue.Null;
        }

        var format = arguments.Length > 1 ? arguments[1].AsString : DefaultFormat;
        return SqlValue.FromString(MySqlDateFormat.Format(context.FromUnixSeconds(seconds), format));
    }

    private static FunctionSignature UnixTimestampSignature(IReadOnlyList<DataType> arguments, IReadOnlyList<SqlValue?> constants) =>
        new(arguments.Count switch
        {
            0 => [],
            1 => [Precise],
            _ => [DataType.String, DataType.String],
        }, DataType.BigInt);

    private static SqlValue UnixTimestamp(ReadOnlySpan<SqlValue> arguments, EvaluationContext context)
    {
        long micros;
        if (arguments.Length == 0)
        {
            micros = context.NowMicros;
        }
        else if (arguments.Length == 1)
        {
            micros = arguments[0].AsDateTimeMicros;
        }
        else if (MySqlDateFormat.Parse(arguments[0].AsString.Trim(), arguments[1].AsString) is { } parsed)
        {
            micros = parsed;
        }
        else
        {
            return SqlValue.Null;
        }

        // MySQL and Doris answer 0 outside the representable range.
        return SqlValue.FromInteger(Math.Max(0, context.ToUnixSeconds(micros)));
    }

    private static FunctionSignature DateTruncSignature(IReadOnlyList<DataType> arguments, IReadOnlyList<SqlValue?> constants)
    {
        // Doris writes date_trunc(datetime, 'unit'); newer releases also accept date_trunc('unit', datetime).
        var unitFirst = constants[0] is { Kind: ValueKind.String } first && TruncUnits.Contains(first.AsString);
        var value = Temporal(arguments[unitFirst ? 1 : 0], constants[unitFirst ? 1 : 0]);
        if (constants[unitFirst ? 0 : 1] is { Kind: ValueKind.String } unit && !TruncUnits.Contains(unit.AsString))
        {
            throw new SqlSemanticException($"date_trunc unit '{unit.AsString}' is not one of year, quarter, month, week, day, hour, minute, second");
        }

        return new FunctionSignature(unitFirst ? [DataType.String, value] : [value, DataType.String], value);
    }

    private static SqlValue DateTrunc(ReadOnlySpan<SqlValue> arguments, EvaluationContext context)
    {
        var unitFirst = arguments[0].Kind == ValueKind.String && TruncUnits.Contains(arguments[0].AsString);
        var value = arguments[unitFirst ? 1 : 0];
        var unit = arguments[unitFirst ? 0 : 1].AsString.ToUpperInvariant();
        var isDate = value.Kind == ValueKind.Date;
        var d = isDate ? value.AsDate.ToDateTime(TimeOnly.MinValue) : value.AsDateTime;
        DateTime? truncated = unit switch
        {
            "YEAR" => new DateTime(d.Year, 1, 1),
            "QUARTER" => new DateTime(d.Year, (d.Month - 1) / 3 * 3 + 1, 1),
            "MONTH" => new DateTime(d.Year, d.Month, 1),
            "WEEK" => d.Date.AddDays(-(((int)d.DayOfWeek + 6) % 7)),
            "DAY" => d.Date,
            "HOUR" => new DateTime(d.Year, d.Month, d.Day, d.Hour, 0, 0),
            "MINUTE" => new DateTime(d.Year, d.Month, d.Day, d.Hour, d.Minute, 0),
            "SECOND" => new DateTime(d.Year, d.Month, d.Day, d.Hour, d.Minute, d.Second),
            _ => null,
        };
        return truncated is not { } t ? SqlValue.Null : isDate ? SqlValue.FromDate(DateOnly.FromDateTime(t)) : SqlValue.FromDateTime(t);
    }

    private static FunctionSignature AddSignature(IReadOnlyList<DataType> arguments, IReadOnlyList<SqlValue?> constants)
    {
        var unit = arguments.Count == 3
            ? constants[2] is { Kind: ValueKind.String } u ? u.AsString : throw new SqlSemanticException("date_add needs a constant interval unit")
            : "DAY";
        return UnitSignature(unit)(arguments, constants) is var signature && arguments.Count == 3
            ? signature with { Parameters = [signature.Parameters[0], DataType.BigInt, DataType.String] }
            : signature;
    }

    private static SignatureResolver UnitSignature(string unit) => (arguments, constants) =>
    {
        var value = Temporal(arguments[0], constants[0]);
        var dayOrLarger = unit is "YEAR" or "QUARTER" or "MONTH" or "WEEK" or "DAY";
        var parameter = value.Kind == TypeKind.Date && !dayOrLarger ? DataType.DateTime() : value;
        return new FunctionSignature(Signatures.Expand([parameter, DataType.BigInt], arguments.Count), parameter);
    };

    private static SqlValue Add(ReadOnlySpan<SqlValue> arguments, int sign) =>
        Shift(arguments[0], sign * arguments[1].AsInteger, arguments.Length == 3 ? arguments[2].AsString : "DAY");

    /// <summary>Moves a date or datetime by <paramref name="amount"/> units; months clamp to the month's last day, as MySQL does.</summary>
    public static SqlValue Shift(SqlValue value, long amount, string unit)
    {
        var isDate = value.Kind == ValueKind.Date;
        var start = isDate ? value.AsDate.ToDateTime(TimeOnly.MinValue) : value.AsDateTime;
        try
        {
            var moved = unit.ToUpperInvariant() switch
            {
                "YEAR" => start.AddYears(checked((int)amount)),
                "QUARTER" => start.AddMonths(checked((int)amount * 3)),
                "MONTH" => start.AddMonths(checked((int)amount)),
                "WEEK" => start.AddDays(amount * 7),
                "DAY" => start.AddDays(amount),
                "HOUR" => start.AddHours(amount),
                "MINUTE" => start.AddMinutes(amount),
                "SECOND" => start.AddSeconds(amount),
                "MICROSECOND" => start.AddTicks(amount * 10),
                _ => (DateTime?)null,
            };
            if (moved is not { } result)
            {
                return SqlValue.Null;
            }

            return isDate ? SqlValue.FromDate(DateOnly.FromDateTime(result)) : SqlValue.FromDateTime(result);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            return SqlValue.Null;
        }
    }
}
