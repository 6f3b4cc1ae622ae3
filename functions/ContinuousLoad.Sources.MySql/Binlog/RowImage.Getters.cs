using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// Typed getters: each decodes the column's value from the event's bytes without boxing. A getter reads
/// exactly the values whose <see cref="MySqlValues"/> representation has its type (<see cref="Kind"/> says
/// which, per column); any other column, a NULL or an absent column throws — a wrong kind or a NULL
/// <see cref="InvalidCastException"/>, an absent column <see cref="InvalidOperationException"/> — naming the
/// column and the getter to use. Zero dates are text, as in <see cref="MySqlValues"/>: <see cref="GetString"/> reads them.
/// </summary>
public sealed partial class RowImage
{
    /// <summary>TINYINT..INT (signed or unsigned) and signed BIGINT: kind <see cref="MySqlValueKind.Int64"/>.</summary>
    public long GetInt64(int column) =>
        ColumnValueDecoder.ReadInt64(ValueOf(column, MySqlValueKind.Int64, MySqlValueKind.Int64, "long"), _bytes.Layout.Columns[column], SchemaOf(column).Unsigned);

    /// <summary>BIGINT UNSIGNED and BIT: kinds <see cref="MySqlValueKind.UInt64"/> and <see cref="MySqlValueKind.Bit"/>.</summary>
    public ulong GetUInt64(int column) =>
        ColumnValueDecoder.ReadUInt64(ValueOf(column, MySqlValueKind.UInt64, MySqlValueKind.Bit, "ulong"), _bytes.Layout.Columns[column]);

    /// <summary>YEAR (0 for 0000): kind <see cref="MySqlValueKind.Year"/>.</summary>
    public int GetInt32(int column) => ColumnValueDecoder.ReadYear(ValueOf(column, MySqlValueKind.Year, MySqlValueKind.Year, "int"));

    /// <summary>FLOAT: kind <see cref="MySqlValueKind.Single"/>.</summary>
    public float GetSingle(int column) => ColumnValueDecoder.ReadSingle(ValueOf(column, MySqlValueKind.Single, MySqlValueKind.Single, "float"));

    /// <summary>DOUBLE: kind <see cref="MySqlValueKind.Double"/>.</summary>
    public double GetDouble(int column) => ColumnValueDecoder.ReadDouble(ValueOf(column, MySqlValueKind.Double, MySqlValueKind.Double, "double"));

    /// <summary>DECIMAL(p,s) with p ≤ 28, scale kept: kind <see cref="MySqlValueKind.Decimal"/> (wider ones are text).</summary>
    public decimal GetDecimal(int column) =>
        ColumnValueDecoder.ReadDecimal(ValueOf(column, MySqlValueKind.Decimal, MySqlValueKind.Decimal, "decimal"), _bytes.Layout.Columns[column]);

    /// <summary>DATE that is a real date: kind <see cref="MySqlValueKind.Date"/>.</summary>
    public DateOnly GetDateOnly(int column) => TryGetDateOnly(column, out var date) ? date : throw ZeroDate(column, "DateOnly");

    /// <summary>DATE: false for a zero or partly zero date, which is text (<see cref="GetString"/>).</summary>
    public bool TryGetDateOnly(int column, out DateOnly date) =>
        ColumnValueDecoder.TryReadDate(ValueOf(column, MySqlValueKind.Date, MySqlValueKind.Date, "DateOnly"), _bytes.Layout.Columns[column], out date);

    /// <summary>DATETIME (Kind Unspecified) and TIMESTAMP (Kind Utc) that are real dates: kinds <see cref="MySqlValueKind.DateTime"/>, <see cref="MySqlValueKind.Timestamp"/>.</summary>
    public DateTime GetDateTime(int column) => TryGetDateTime(column, out var dateTime) ? dateTime : throw ZeroDate(column, "DateTime");

    /// <summary>DATETIME and TIMESTAMP: false for a zero or partly zero value, which is text (<see cref="GetString"/>).</summary>
    public bool TryGetDateTime(int column, out DateTime dateTime) =>
        ColumnValueDecoder.TryReadDateTime(ValueOf(column, MySqlValueKind.DateTime, MySqlValueKind.Timestamp, "DateTime"), _bytes.Layout.Columns[column], out dateTime);

    /// <summary>TIME, negative and beyond 24 hours included: kind <see cref="MySqlValueKind.Time"/>.</summary>
    public TimeSpan GetTimeSpan(int column) =>
        ColumnValueDecoder.ReadTime(ValueOf(column, MySqlValueKind.Time, MySqlValueKind.Time, "TimeSpan"), _bytes.Layout.Columns[column]);

    /// <summary>
    /// Text (CHAR/VARCHAR/TEXT, ENUM, SET, JSON) and DECIMAL wider than 28 digits — kinds <see cref="MySqlValueKind.Text"/>
    /// and <see cref="MySqlValueKind.DecimalText"/> — and zero dates as the server prints them. A new string per call.
    /// </summary>
    public string GetString(int column)
    {
        var kind = Kind(column);
        if (kind is MySqlValueKind.Date or MySqlValueKind.DateTime or MySqlValueKind.Timestamp)
        {
            var value = ValueOf(column, kind, kind, "string");
            var columnType = _bytes.Layout.Columns[column];
            var isDate = kind == MySqlValueKind.Date ? ColumnValueDecoder.TryReadDate(value, columnType, out _) : ColumnValueDecoder.TryReadDateTime(value, columnType, out _);
            return isDate ? throw WrongKind(column, "string") : ColumnValueDecoder.ReadTemporalText(value, columnType);
        }

        return ColumnValueDecoder.ReadText(ValueOf(column, MySqlValueKind.Text, MySqlValueKind.DecimalText, "string"), _bytes.Layout.Columns[column], SchemaOf(column));
    }

    /// <summary>BINARY/VARBINARY/BLOB and GEOMETRY, as a new array (BINARY(n) with its trailing zero bytes): kind <see cref="MySqlValueKind.Bytes"/>.</summary>
    public byte[] GetBytes(int column) =>
        ColumnValueDecoder.ReadBytes(ValueOf(column, MySqlValueKind.Bytes, MySqlValueKind.Bytes, "byte[]"), _bytes.Layout.Columns[column], SchemaOf(column));

    private BinlogColumnSchema SchemaOf(int column) => _bytes.Layout.ColumnSchemas[column];

    // The value's bytes, once the column is known to be of one of the getter's kinds, present and not NULL.
    // Small enough to inline into each getter: the errors are built in NotReadable.
    private ReadOnlySpan<byte> ValueOf(int column, MySqlValueKind kind, MySqlValueKind otherKind, string type)
    {
        var offset = Offset(column);
        var actual = _bytes.Layout.Kinds[column];
        var ofKind = actual == kind || actual == otherKind;
        if (!ofKind || offset < 0)
        {
            throw NotReadable(column, ofKind, offset, type);
        }

        return _bytes.From(offset);
    }

    private Exception NotReadable(int column, bool ofKind, int offset, string type) =>
        !ofKind ? WrongKind(column, type)
            : offset == RowImageBytes.Null ? new InvalidCastException($"{Describe(column)} is NULL, it has no {type} value; check IsNull first.")
            : new InvalidOperationException($"{Describe(column)} is not in this row image: the server wrote a partial image (binlog_row_image MINIMAL or NOBLOB); check IsPresent first.");

    private InvalidCastException WrongKind(int column, string type) =>
        new($"{Describe(column)} holds {Kind(column)} values ({TypeOf(Kind(column))}), not {type}; read it with {GetterOf(Kind(column))}.");

    private InvalidCastException ZeroDate(int column, string type) =>
        new($"{Describe(column)} holds the zero date '{GetString(column)}', which no {type} can hold; read it with GetString.");

    private string Describe(int column)
    {
        var layout = _bytes.Layout;
        var columnType = layout.Columns[column];
        return $"Column {layout.Schema.Columns[column].Name} ({columnType.Type}) of {layout.Schema.Schema}.{layout.Schema.Name}";
    }

    private static string TypeOf(MySqlValueKind kind) => kind switch
    {
        MySqlValueKind.Int64 => "long",
        MySqlValueKind.UInt64 or MySqlValueKind.Bit => "ulong",
        MySqlValueKind.Decimal => "decimal",
        MySqlValueKind.Single => "float",
        MySqlValueKind.Double => "double",
        MySqlValueKind.Date => "DateOnly, text for zero dates",
        MySqlValueKind.DateTime or MySqlValueKind.Timestamp => "DateTime, text for zero dates",
        MySqlValueKind.Time => "TimeSpan",
        MySqlValueKind.Year => "int",
        MySqlValueKind.Bytes => "byte[]",
        _ => "string",
    };

    private static string GetterOf(MySqlValueKind kind) => kind switch
    {
        MySqlValueKind.Int64 => nameof(GetInt64),
        MySqlValueKind.UInt64 or MySqlValueKind.Bit => nameof(GetUInt64),
        MySqlValueKind.Decimal => nameof(GetDecimal),
        MySqlValueKind.Single => nameof(GetSingle),
        MySqlValueKind.Double => nameof(GetDouble),
        MySqlValueKind.Date => nameof(GetDateOnly),
        MySqlValueKind.DateTime or MySqlValueKind.Timestamp => nameof(GetDateTime),
        MySqlValueKind.Time => nameof(GetTimeSpan),
        MySqlValueKind.Year => nameof(GetInt32),
        MySqlValueKind.Bytes => nameof(GetBytes),
        _ => nameof(GetString),
    };
}
