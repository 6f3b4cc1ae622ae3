using System.Buffers.Binary;

namespace ContinuousLoad.Ingest.Body;

/// <summary>The checksums of gzip (CRC-32, trailer of RFC 1952) and zlib (Adler-32, RFC 1950) over decompressed bytes.</summary>
internal static class Checksums
{
    private const uint Polynomial = 0xEDB88320;
    private const uint AdlerModulus = 65521;

    /// <summary>Most bytes one Adler-32 step can add before its sums must be reduced.</summary>
    private const int AdlerChunk = 5552;

    private static readonly uint[] Table = BuildTable();

    /// <summary>Continues a CRC-32 (start from 0) over <paramref name="data"/>, eight bytes per step.</summary>
    public static uint Crc32(uint crc, ReadOnlySpan<byte> data)
    {
        var table = Table.AsSpan();
        crc = ~crc;
        while (data.Length >= 8)
        {
            var low = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            var high = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = table[(7 * 256) + (int)(low & 0xFF)] ^ table[(6 * 256) + (int)((low >> 8) & 0xFF)]
                ^ table[(5 * 256) + (int)((low >> 16) & 0xFF)] ^ table[(4 * 256) + (int)(low >> 24)]
                ^ table[(3 * 256) + (int)(high & 0xFF)] ^ table[(2 * 256) + (int)((high >> 8) & 0xFF)]
                ^ table[256 + (int)((high >> 16) & 0xFF)] ^ table[(int)(high >> 24)];
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = table[(int)((crc ^ b) & 0xFF)] ^ (crc >> 8);
        }

        return ~crc;
    }

    /// <summary>Continues an Adler-32 (start from 1) over <paramref name="data"/>.</summary>
    public static uint Adler32(uint adler, ReadOnlySpan<byte> data)
    {
        uint a = adler & 0xFFFF, b = adler >> 16;
        while (data.Length > 0)
        {
            var chunk = data[..Math.Min(AdlerChunk, data.Length)];
            foreach (var value in chunk)
            {
                a += value;
                b += a;
            }

            a %= AdlerModulus;
            b %= AdlerModulus;
            data = data[chunk.Length..];
        }

        return (b << 16) | a;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var crc = i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            }

            table[i] = crc;
        }

        for (var slice = 1; slice < 8; slice++)
        {
            for (var i = 0; i < 256; i++)
            {
                var previous = table[((slice - 1) * 256) + i];
                table[(slice * 256) + i] = (previous >> 8) ^ table[previous & 0xFF];
            }
        }

        return table;
    }
}
