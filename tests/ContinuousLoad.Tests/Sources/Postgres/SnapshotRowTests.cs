using System.Buffers.Binary;
using System.Text;
using ContinuousLoad.Sources.Postgres.Snapshot;
using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Tests.Sources.Postgres;

/// <summary>Typed reads of a snapshot row give the very values of its object form, without the boxes.</summary>
public sealed class SnapshotRowTests
{
    private static readonly PgTypeInfo[] Columns =
    [
        BuiltinTypes.Find(20)!, BuiltinTypes.Find(23)!, BuiltinTypes.Find(21)!, BuiltinTypes.Find(1700)!, BuiltinTypes.Find(25)!,
        BuiltinTypes.Find(1184)!, BuiltinTypes.Find(1114)!, BuiltinTypes.Find(1082)!, BuiltinTypes.Find(16)!, BuiltinTypes.Find(701)!,
        BuiltinTypes.Find(2950)!, BuiltinTypes.Find(1186)!,
    ];

    private static byte[] BigEndian(long value, int size)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes[(8 - size)..];
    }

    // numeric_send of 1234.50: 2 base-10000 digits (1234, 5000), weight 0, positive, scale 2.
    private static readonly byte[] Numeric = [0, 2, 0, 0, 0, 0, 0, 2, 0x04, 0xD2, 0x13, 0x88];
    private static readonly byte[] NumericNaN = [0, 0, 0, 0, 0xC0, 0, 0, 0];
    private static readonly Guid Uuid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    private static SnapshotRow Row(params byte[]?[] fields)
    {
        var copy = new List<byte>();
        copy.AddRange("PGCOPY\n"u8.ToArray());
        copy.AddRange([0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        copy.AddRange(BigEndian(fields.Length, 2));
        foreach (var field in fields)
        {
            copy.AddRange(BigEndian(field?.Length ?? -1, 4));
            copy.AddRange(field ?? []);
        }

        copy.AddRange(BigEndian(-1, 2));
        var reader = new BinaryCopyRowReader(new MemoryStream([.. copy]), Columns[..fields.Length]);
        Assert.True(reader.Read());
        return reader.Current;
    }

    private static SnapshotRow Full() => Row(
        BigEndian(-9_000_000_000, 8), BigEndian(-7, 4), BigEndian(12, 2), Numeric, "grüße"u8.ToArray(),
        BigEndian(86_400_000_000, 8), BigEndian(1_500_000, 8), BigEndian(-1, 4), [1], BigEndian(BitConverter.DoubleToInt64Bits(2.5), 8),
        Uuid.ToByteArray(bigEndian: true), Encoding.UTF8.GetBytes("1 day"));

    [Fact]
    public void Each_typed_read_equals_the_object_read()
    {
        var row = Full();

        Assert.Equal(
            row.ToArray(),
            [
                row.Get<long>(0), row.Get<int>(1), row.Get<short>(2), row.Get<decimal>(3), row.Get<string>(4),
                row.Get<DateTimeOffset>(5), row.Get<DateTime>(6), row.Get<DateOnly>(7), row.Get<bool>(8), row.Get<double>(9),
                row.Get<Guid>(10), row.Get<string>(11),
            ]);
        Assert.Equal(
            new object[] { -9_000_000_000L, -7, (short)12, 1234.50m, "grüße", new DateTimeOffset(2000, 1, 2, 0, 0, 0, TimeSpan.Zero), new DateTime(2000, 1, 1, 0, 0, 1, 500), new DateOnly(1999, 12, 31), true, 2.5, Uuid, "1 day" },
            row.ToArray());
        Assert.Equal("1234.50", row.Get<decimal>(3).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_read_as_another_type_names_the_column_and_both_types()
    {
        var row = Full();

        var asLong = Assert.Throws<InvalidCastException>(() => row.Get<long>(1));
        var intervalAsInt = Assert.Throws<InvalidCastException>(() => row.Get<int>(11));

        Assert.Contains("Int32, not Int64", asLong.Message, StringComparison.Ordinal);
        Assert.Contains("Column 12 (interval) is not read as Int32", intervalAsInt.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_reads_as_null_for_references_and_is_refused_for_values()
    {
        var row = Row(null, BigEndian(1, 4), BigEndian(1, 2), NumericNaN, null);

        Assert.True(row.IsNull(0));
        Assert.Null(row.Get<string>(4));
        Assert.Null(row.GetValue(0));
        Assert.Contains("is NULL", Assert.Throws<InvalidCastException>(() => row.Get<long>(0)).Message, StringComparison.Ordinal);
        Assert.Equal("NaN", row.GetValue(3));
        Assert.Throws<InvalidCastException>(() => row.Get<decimal>(3));
    }
}
