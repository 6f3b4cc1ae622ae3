using System.Buffers.Binary;
using System.Text;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Snapshot;
using ContinuousLoad.Sources.Postgres.Values;

namespace ContinuousLoad.Tests.Sources.Postgres;

public sealed class BinaryCopyRowReaderTests
{
    private static readonly PgTypeInfo[] Columns = [new(23, "int4", PgValueKind.Int32), new(25, "text", PgValueKind.Text)];

    private static byte[] Copy(IEnumerable<(int Id, string? Text)> rows, bool trailer = true)
    {
        var bytes = new List<byte>();
        bytes.AddRange("PGCOPY\n"u8.ToArray());
        bytes.AddRange([0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        foreach (var (id, text) in rows)
        {
            bytes.AddRange(BigEndian16(2));
            bytes.AddRange(BigEndian32(4));
            bytes.AddRange(BigEndian32(id)); // int4 travels in binary, text as its UTF-8
            if (text is null)
            {
                bytes.AddRange(BigEndian32(-1));
            }
            else
            {
                var value = Encoding.UTF8.GetBytes(text);
                bytes.AddRange(BigEndian32(value.Length));
                bytes.AddRange(value);
            }
        }

        if (trailer)
        {
            bytes.AddRange(BigEndian16(-1));
        }

        return [.. bytes];
    }

    private static byte[] BigEndian16(short value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] BigEndian32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static List<object?[]> ReadAll(Stream stream)
    {
        using var reader = new BinaryCopyRowReader(stream, Columns);
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add(reader.Current.ToArray());
        }

        return rows;
    }

    [Fact]
    public void Reads_rows_across_block_boundaries_one_byte_at_a_time()
    {
        var rows = Enumerable.Range(0, 300).Select(i => (i, i % 7 == 0 ? null : new string('x', i))).ToList();

        var read = ReadAll(new OneByteStream(Copy(rows)));

        Assert.Equal(rows.Select(r => new object?[] { r.i, r.Item2 }), read);
    }

    [Fact]
    public void A_value_larger_than_the_buffer_grows_it()
    {
        var big = new string('y', 600_000);

        var read = ReadAll(new MemoryStream(Copy([(1, big), (2, "z")])));

        Assert.Equal(big, read[0][1]);
        Assert.Equal("z", read[1][1]);
    }

    [Fact]
    public void Data_without_signature_or_trailer_is_refused()
    {
        var noTrailer = Assert.Throws<PostgresSourceException>(() => ReadAll(new MemoryStream(Copy([(1, "a")], trailer: false))));
        var bytes = Copy([(1, "a")]);
        bytes[0] = (byte)'X';
        var badSignature = Assert.Throws<PostgresSourceException>(() => ReadAll(new MemoryStream(bytes)));

        Assert.Contains("trailer", noTrailer.Message, StringComparison.Ordinal);
        Assert.Contains("signature", badSignature.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_arriving_one_message_per_read_at_odd_sizes_are_reassembled()
    {
        var rows = Enumerable.Range(0, 2_000).Select(i => (i, i % 5 == 0 ? null : new string('r', i % 97))).ToList();

        var read = ReadAll(new ChoppedStream(Copy(rows), [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 7_000]));

        Assert.Equal(rows.Select(r => new object?[] { r.i, r.Item2 }), read);
    }

    [Fact]
    public void Data_cut_inside_a_tuple_is_refused()
    {
        var whole = Copy([(1, "abc"), (2, "defgh")], trailer: false);
        foreach (var cut in new[] { 20, 21, 24, 27, 30, whole.Length - 2 })
        {
            var refused = Assert.Throws<PostgresSourceException>(() => ReadAll(new MemoryStream(whole[..cut])));

            Assert.Equal(PostgresSourceError.ProtocolViolation, refused.Error);
            Assert.Contains("ended before its trailer", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_tuple_with_the_wrong_field_count_is_refused()
    {
        var bytes = Copy([(1, "a")]);
        bytes[19] = 0;
        bytes[20] = 3; // the first tuple's field count: 3 instead of 2

        var refused = Assert.Throws<PostgresSourceException>(() => ReadAll(new MemoryStream(bytes)));

        Assert.Contains("3 fields, expected 2", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Hands out at most the next size of a repeating list per read, as a COPY stream hands out one message per read.</summary>
    private sealed class ChoppedStream(byte[] data, int[] sizes) : MemoryStream(data)
    {
        private int _next;

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(sizes[_next++ % sizes.Length], buffer.Length)]);
    }

    private sealed class OneByteStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(1, buffer.Length)]);
    }
}
