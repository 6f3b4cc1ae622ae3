using System.Buffers.Binary;
using System.IO.Compression;
using ContinuousLoad.Ingest.Options;

namespace ContinuousLoad.Ingest.Body;

/// <summary>
/// Decompresses a <c>gz</c> or <c>deflate</c> (zlib) body and checks its trailer at the end: the
/// runtime's decompressors stop quietly at a truncated body, which would load part of a file as if it
/// were all of it. A body that is cut short, corrupt, or not in the named format fails the load.
/// </summary>
public sealed class DecompressingStream : ReadOnlyStream
{
    private readonly CompressType _type;
    private readonly TailStream _compressed;
    private readonly Stream _decompressor;
    private uint _checksum;
    private long _length;
    private bool _verified;

    private DecompressingStream(Stream compressed, CompressType type)
    {
        _type = type;
        _compressed = new TailStream(compressed);
        _decompressor = type == CompressType.Gzip
            ? new GZipStream(_compressed, CompressionMode.Decompress)
            : new ZLibStream(_compressed, CompressionMode.Decompress);
        _checksum = type == CompressType.Gzip ? 0u : 1u;
    }

    /// <summary>The body as the readers see it: <paramref name="body"/> itself, or its decompressed content.</summary>
    public static Stream Open(Stream body, CompressType type) => type == CompressType.None ? body : new DecompressingStream(body, type);

    private string Name => _type == CompressType.Gzip ? "gz" : "deflate";

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await _decompressor.ReadAsync(buffer, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"the body is not valid {Name} data ({e.Message})", e);
        }

        var data = buffer.Span[..read];
        _checksum = _type == CompressType.Gzip ? Checksums.Crc32(_checksum, data) : Checksums.Adler32(_checksum, data);
        _length += read;
        if (read == 0 && buffer.Length > 0 && !_verified)
        {
            Verify();
        }

        return read;
    }

    private void Verify()
    {
        _verified = true;
        var tail = _compressed.Tail;
        var intact = _type == CompressType.Gzip
            ? tail.Length == 8 && BinaryPrimitives.ReadUInt32LittleEndian(tail) == _checksum && BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]) == (uint)_length
            : tail.Length >= 4 && BinaryPrimitives.ReadUInt32BigEndian(tail[^4..]) == _checksum;
        if (!intact)
        {
            throw new InvalidDataException(
                $"the {Name} body is truncated or corrupt: its checksum trailer does not match the {_length} bytes it decompressed to" +
                (_type == CompressType.Gzip ? " (several concatenated gz members are not supported; send one)" : ""));
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _decompressor.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Passes the compressed bytes through, remembering the last eight (where the trailer is).</summary>
    private sealed class TailStream(Stream inner) : ReadOnlyStream
    {
        private readonly byte[] _tail = new byte[8];
        private int _count;

        public ReadOnlySpan<byte> Tail => _tail.AsSpan(0, _count);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            Remember(buffer.Span[..read]);
            return read;
        }

        private void Remember(ReadOnlySpan<byte> data)
        {
            if (data.Length >= _tail.Length)
            {
                data[^_tail.Length..].CopyTo(_tail);
                _count = _tail.Length;
                return;
            }

            var keep = Math.Min(_count, _tail.Length - data.Length);
            _tail.AsSpan(_count - keep, keep).CopyTo(_tail);
            data.CopyTo(_tail.AsSpan(keep));
            _count = keep + data.Length;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
