using System.Buffers.Binary;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// Reads the events of a binlog file as stored on the server's disk (MySQL Internals "Binlog File"): the
/// magic <c>0xFE 'b' 'i' 'n'</c>, then events back to back in the same format the replication stream
/// carries. For tools and tests that work on a copied file instead of a live server.
/// </summary>
public sealed class BinlogFileReader(Stream stream)
{
    private static readonly byte[] Magic = [0xFE, (byte)'b', (byte)'i', (byte)'n'];
    private bool _started;

    /// <summary>The file position of the event <see cref="ReadEvent"/> returns next.</summary>
    public long Position { get; private set; }

    /// <summary>The next event's bytes, or null at the end of the file.</summary>
    public byte[]? ReadEvent()
    {
        if (!_started)
        {
            Span<byte> magic = stackalloc byte[4];
            stream.ReadExactly(magic);
            if (!magic.SequenceEqual(Magic))
            {
                throw new BinlogFormatException($"not a binlog file: expected the magic fe 62 69 6e, found {Convert.ToHexStringLower(magic)}");
            }

            _started = true;
            Position = 4;
        }

        var header = new byte[BinlogEventHeader.Length];
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read == 0)
        {
            return null;
        }

        if (read < header.Length)
        {
            throw new BinlogFormatException($"binlog file truncated at position {Position}: an event header needs {header.Length} bytes, {read} are left");
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(9));
        if (length < BinlogEventHeader.Length || length > 1 << 30)
        {
            throw new BinlogFormatException($"binlog file at position {Position}: an event length of {length} bytes is impossible");
        }

        var bytes = new byte[length];
        header.CopyTo(bytes, 0);
        stream.ReadExactly(bytes, header.Length, (int)length - header.Length);
        Position += length;
        return bytes;
    }
}
