using System.Collections.Immutable;
using System.Globalization;

namespace ContinuousLoad.Sql.Values;

/// <summary>
/// One SQL value without boxing: numbers, dates and decimals live in a 128-bit field; strings,
/// JSON text and arrays in a reference. Dates are day numbers, datetimes microseconds since 0001-01-01.
/// </summary>
public readonly struct SqlValue : IEquatable<SqlValue>
{
    private readonly Int128 _number;
    private readonly object? _reference;

    private SqlValue(ValueKind kind, Int128 number, object? reference = null, int scale = 0)
    {
        Kind = kind;
        _number = number;
        _reference = reference;
        DecimalScale = (byte)scale;
    }

    public static SqlValue Null => default;

    public static SqlValue True { get; } = FromBoolean(true);

    public static SqlValue False { get; } = FromBoolean(false);

    public ValueKind Kind { get; }

    public bool IsNull => Kind == ValueKind.Null;

    /// <summary>Scale of a decimal value.</summary>
    public byte DecimalScale { get; }

    public static SqlValue FromBoolean(bool value) => new(ValueKind.Boolean, value ? 1 : 0);

    public static SqlValue FromInteger(long value) => new(ValueKind.Integer, value);

    public static SqlValue FromLargeInt(Int128 value) => new(ValueKind.LargeInt, value);

    public static SqlValue FromDouble(double value) => new(ValueKind.Double, BitConverter.DoubleToInt64Bits(value));

    public static SqlValue FromDecimal(SqlDecimal value) => new(ValueKind.Decimal, value.Unscaled, scale: value.Scale);

    public static SqlValue FromDate(DateOnly value) => new(ValueKind.Date, value.DayNumber);

    /// <summary>A datetime in microseconds since 0001-01-01 00:00:00.</summary>
    public static SqlValue FromDateTimeMicros(long micros) => new(ValueKind.DateTime, micros);

    public static SqlValue FromDateTime(DateTime value) => FromDateTimeMicros(value.Ticks / 10);

    public static SqlValue FromString(string value) => new(ValueKind.String, 0, value);

    /// <summary>JSON in canonical text form.</summary>
    public static SqlValue FromJson(string canonicalJson) => new(ValueKind.Json, 0, canonicalJson);

    public static SqlValue FromArray(ImmutableArray<SqlValue> items) => new(ValueKind.Array, 0, items);

    public bool AsBoolean => Expect(ValueKind.Boolean)._number != 0;

    public long AsInteger => (long)Expect(ValueKind.Integer)._number;

    public Int128 AsLargeInt => Expect(ValueKind.LargeInt)._number;

    public double AsDouble => BitConverter.Int64BitsToDouble((long)Expect(ValueKind.Double)._number);

    public SqlDecimal AsDecimal => new(Expect(ValueKind.Decimal)._number, DecimalScale);

    public DateOnly AsDate => DateOnly.FromDayNumber((int)Expect(ValueKind.Date)._number);

    public long AsDateTimeMicros => (long)Expect(ValueKind.DateTime)._number;

    public DateTime AsDateTime => new(AsDateTimeMicros * 10, DateTimeKind.Unspecified);

    public string AsString => (string)Expect(ValueKind.String)._reference!;

    public string AsJson => (string)Expect(ValueKind.Json)._reference!;

    public ImmutableArray<SqlValue> AsArray => (ImmutableArray<SqlValue>)Expect(ValueKind.Array)._reference!;

    public static bool operator ==(SqlValue left, SqlValue right) => left.Equals(right);

    public static bool operator !=(SqlValue left, SqlValue right) => !left.Equals(right);

    /// <summary>Identity of representation (same kind and same data), not SQL equality.</summary>
    public bool Equals(SqlValue other) =>
        Kind == other.Kind && _number == other._number && DecimalScale == other.DecimalScale && Kind switch
        {
            ValueKind.String or ValueKind.Json => string.Equals((string?)_reference, (string?)other._reference, StringComparison.Ordinal),
            ValueKind.Array => AsArray.SequenceEqual(other.AsArray),
            _ => true,
        };

    public override bool Equals(object? obj) => obj is SqlValue other && Equals(other);

    public override int GetHashCode() => Kind switch
    {
        ValueKind.String or ValueKind.Json => HashCode.Combine(Kind, ((string)_reference!).GetHashCode(StringComparison.Ordinal)),
        ValueKind.Array => HashCode.Combine(Kind, AsArray.Length),
        _ => HashCode.Combine(Kind, _number, DecimalScale),
    };

    /// <summary>Text as Doris shows the value; null as <c>NULL</c>. Datetimes use their own digits (see <see cref="SqlValueFormat"/>).</summary>
    public override string ToString() => IsNull ? "NULL" : SqlValueFormat.ToText(this, dateTimePrecision: -1);

    private SqlValue Expect(ValueKind kind) => Kind == kind
        ? this
        : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"expected a {kind} value, not {Kind}"));
}
