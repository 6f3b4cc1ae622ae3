using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.Postgres.Changes;
using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Jobs.Sources.Cdc;

/// <summary>
/// A source value (in the MySQL or PostgreSQL source's representation) as the text a load field carries,
/// in the forms the load engine converts into every column type — so a change row loads exactly as the
/// same row would from a Stream Load body:
/// <list type="bullet">
/// <item>numbers in invariant culture, floats round-trippable (<c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>);</item>
/// <item>booleans <c>1</c>/<c>0</c>; MySQL BIT values as their number;</item>
/// <item>dates <c>yyyy-MM-dd</c>; date-times <c>yyyy-MM-dd HH:mm:ss.ffffff</c> — a zoned one (MySQL TIMESTAMP,
///   PostgreSQL timestamptz) in the job's time zone, as Doris loads it;</item>
/// <item>times <c>[-]H:mm:ss[.ffffff]</c> (MySQL TIME may pass 24 h or be negative), PostgreSQL timetz with its offset;</item>
/// <item>bytes in Base64 (binary columns load into STRING, as Doris's CDC does);</item>
/// <item>arrays as JSON arrays; UUIDs, network addresses and anything else by their text.</item>
/// </list>
/// Zero dates (MySQL <c>0000-00-00</c>) stay text: the engine decides, as for a Stream Load field.
/// </summary>
public static class ChangeValueText
{
    private const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss.ffffff";

    /// <summary>
    /// Writes the value of <paramref name="row"/>'s <paramref name="column"/> (present, not NULL) as UTF-8: the server's
    /// own text when it already is the load text (PostgreSQL integers, numerics, text, UUIDs, ISO dates and timestamps
    /// of years 1 to 9999 — no decoding at all), else the decoded value's text (<see cref="Write"/>).
    /// </summary>
    public static void Write(RowValues row, int column, TimeZoneInfo zone, IBufferWriter<byte> output)
    {
        if (row is RowImage image && image.TryGetText(column, out var text) && IsLoadText(image.Relation.Columns[column].Type.Kind, text))
        {
            output.Write(text);
            return;
        }

        Write(row[column]!, zone, output);
    }

    /// <summary>Whether PostgreSQL's text of a value of <paramref name="kind"/> is what <see cref="Write"/> would write (or reads back the same).</summary>
    private static bool IsLoadText(PgValueKind kind, ReadOnlySpan<byte> text) => kind switch
    {
        PgValueKind.Text or PgValueKind.Int16 or PgValueKind.Int32 or PgValueKind.Int64 or PgValueKind.Uuid or PgValueKind.Enum => true,
        // numeric's NaN and Infinity, BC dates and ±infinity timestamps take the decoding path, which knows them.
        PgValueKind.Numeric or PgValueKind.Date or PgValueKind.Timestamp => text.Length > 0 && char.IsAsciiDigit((char)text[^1]) && text[0] is (byte)'-' or (>= (byte)'0' and <= (byte)'9'),
        _ => false,
    };

    /// <summary>Writes the text of a non-null <paramref name="value"/> as UTF-8.</summary>
    public static void Write(object value, TimeZoneInfo zone, IBufferWriter<byte> output)
    {
        switch (value)
        {
            case string text:
                Encoding.UTF8.GetBytes(text, output);
                return;
            case byte[] bytes:
                Ascii(Convert.ToBase64String(bytes), output);
                return;
            case object?[] array:
                using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    WriteJson(json, array, zone);
                }

                return;
            default:
                Encoding.UTF8.GetBytes(Scalar(value, zone), output);
                return;
        }
    }

    private static string Scalar(object value, TimeZoneInfo zone) => value switch
    {
        bool flag => flag ? "1" : "0",
        float number => Floating(number, float.IsNaN(number), float.IsPositiveInfinity(number), float.IsNegativeInfinity(number)),
        double number => Floating(number, double.IsNaN(number), double.IsPositiveInfinity(number), double.IsNegativeInfinity(number)),
        IFormattable number when value is sbyte or byte or short or ushort or int or uint or long or ulong or decimal =>
            number.ToString(null, CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime { Kind: DateTimeKind.Utc } instant => TimeZoneInfo.ConvertTimeFromUtc(instant, zone).ToString(DateTimeFormat, CultureInfo.InvariantCulture),
        DateTime local => local.ToString(DateTimeFormat, CultureInfo.InvariantCulture),
        DateTimeOffset instant => TimeZoneInfo.ConvertTime(instant, zone).DateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture),
        TimeSpan time => Time(time),
        TimeWithOffset time => Time(time.Time) + Offset(time.Offset),
        Guid id => id.ToString("D"),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Floating(IFormattable number, bool nan, bool positiveInfinity, bool negativeInfinity) =>
        nan ? "NaN" : positiveInfinity ? "Infinity" : negativeInfinity ? "-Infinity" : number.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><c>[-]H:mm:ss[.ffffff]</c>, hours unbounded (MySQL TIME runs from -838:59:59 to 838:59:59).</summary>
    private static string Time(TimeSpan time)
    {
        var sign = time < TimeSpan.Zero ? "-" : "";
        var magnitude = time.Duration();
        var text = string.Create(CultureInfo.InvariantCulture, $"{sign}{(long)magnitude.TotalHours:00}:{magnitude.Minutes:00}:{magnitude.Seconds:00}");
        var micros = magnitude.Ticks % TimeSpan.TicksPerSecond / 10;
        return micros == 0 ? text : text + string.Create(CultureInfo.InvariantCulture, $".{micros:000000}");
    }

    private static string Offset(TimeSpan offset) =>
        string.Create(CultureInfo.InvariantCulture, $"{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration().Hours:00}:{offset.Duration().Minutes:00}");

    private static void WriteJson(Utf8JsonWriter json, object? value, TimeZoneInfo zone)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case object?[] array:
                json.WriteStartArray();
                foreach (var item in array)
                {
                    WriteJson(json, item, zone);
                }

                json.WriteEndArray();
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case sbyte or byte or short or ushort or int or uint or long or ulong or decimal or float or double:
                // JSON has no NaN or infinities: those go as strings, as a load field carries them.
                var number = Scalar(value, zone);
                if (number is "NaN" or "Infinity" or "-Infinity")
                {
                    json.WriteStringValue(number);
                }
                else
                {
                    json.WriteRawValue(number);
                }

                break;
            case byte[] bytes:
                json.WriteStringValue(Convert.ToBase64String(bytes));
                break;
            default:
                json.WriteStringValue(Scalar(value, zone));
                break;
        }
    }

    private static void Ascii(string text, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(text.Length);
        Encoding.ASCII.GetBytes(text, span);
        output.Advance(text.Length);
    }
}
