using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF), the checksum
/// <c>binlog_checksum=CRC32</c> appends to every event. Slicing-by-8: eight tables let the loop consume
/// eight bytes per step; on x86 with PCLMULQDQ, blocks of 64 bytes and more are folded with carry-less
/// multiplication instead. (System.IO.Hashing would do this but does not restore here.)
/// </summary>
public static class Crc32
{
    private const uint Polynomial = 0xEDB88320u;
    private static readonly uint[] Tables = BuildTables();

    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC computed over earlier bytes (<c>Append(Compute(a), b) == Compute(a + b)</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        // Indexes are masked to 0-255 within each 256-entry slice, so the reads never leave the table.
        ref var table = ref MemoryMarshal.GetArrayDataReference(Tables);
        crc = ~crc;
        if (Pclmulqdq.IsSupported && data.Length >= 64)
        {
            crc = Fold(crc, data);
            data = data[(data.Length & ~15)..];
        }

        while (data.Length >= 8)
        {
            var word = BinaryPrimitives.ReadUInt64LittleEndian(data) ^ crc;
            crc = Unsafe.Add(ref table, (7 * 256) + (int)(word & 0xFF))
                ^ Unsafe.Add(ref table, (6 * 256) + (int)((word >> 8) & 0xFF))
                ^ Unsafe.Add(ref table, (5 * 256) + (int)((word >> 16) & 0xFF))
                ^ Unsafe.Add(ref table, (4 * 256) + (int)((word >> 24) & 0xFF))
                ^ Unsafe.Add(ref table, (3 * 256) + (int)((word >> 32) & 0xFF))
                ^ Unsafe.Add(ref table, (2 * 256) + (int)((word >> 40) & 0xFF))
                ^ Unsafe.Add(ref table, 256 + (int)((word >> 48) & 0xFF))
                ^ Unsafe.Add(ref table, (int)(word >> 56));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = Unsafe.Add(ref table, (int)((crc ^ b) & 0xFF)) ^ (crc >> 8);
        }

        return ~crc;
    }

    // Carry-less multiplication folding (Intel, "Fast CRC Computation for Generic Polynomials Using
    // PCLMULQDQ"), bit-reflected constants for 0xEDB88320: four 16-byte lanes folded 64 bytes at a time,
    // then into one lane, 16 bytes at a time, then 128 → 64 → 32 bits and a Barrett reduction.
    // Consumes the whole 16-byte blocks of data (at least 64 bytes); the caller finishes the tail.
    private static uint Fold(uint crc, ReadOnlySpan<byte> data)
    {
        var r2r1 = Vector128.Create(0x1_5444_2BD4UL, 0x1_C6E4_1596UL);
        var r4r3 = Vector128.Create(0x1_7519_97D0UL, 0x0_CCAA_009EUL);
        var r5 = Vector128.Create(0x1_63CD_6124UL, 0UL);
        var polyMu = Vector128.Create(0x1_DB71_0641UL, 0x1_F701_1641UL);
        var mask32 = Vector128.Create(0xFFFF_FFFFUL, 0UL);

        var x1 = Load(data, 0) ^ Vector128.Create((ulong)crc, 0UL);
        var x2 = Load(data, 16);
        var x3 = Load(data, 32);
        var x4 = Load(data, 48);
        var offset = 64;
        for (; data.Length - offset >= 64; offset += 64)
        {
            x1 = FoldLane(x1, r2r1) ^ Load(data, offset);
            x2 = FoldLane(x2, r2r1) ^ Load(data, offset + 16);
            x3 = FoldLane(x3, r2r1) ^ Load(data, offset + 32);
            x4 = FoldLane(x4, r2r1) ^ Load(data, offset + 48);
        }

        x1 = FoldLane(x1, r4r3) ^ x2;
        x1 = FoldLane(x1, r4r3) ^ x3;
        x1 = FoldLane(x1, r4r3) ^ x4;
        for (; data.Length - offset >= 16; offset += 16)
        {
            x1 = FoldLane(x1, r4r3) ^ Load(data, offset);
        }

        // 128 → 64 bits (R4 × low half, plus the high half), then 64 → 32 (R5 × low 32 bits, plus the rest).
        x1 = Pclmulqdq.CarrylessMultiply(r4r3, x1, 0x01) ^ Sse2.ShiftRightLogical128BitLane(x1, 8);
        x1 = Pclmulqdq.CarrylessMultiply(x1 & mask32, r5, 0x00) ^ Sse2.ShiftRightLogical128BitLane(x1, 4);

        // Barrett reduction with μ and the polynomial.
        var t = Pclmulqdq.CarrylessMultiply(x1 & mask32, polyMu, 0x10) & mask32;
        x1 ^= Pclmulqdq.CarrylessMultiply(t, polyMu, 0x00);
        return x1.AsUInt32().GetElement(1);
    }

    private static Vector128<ulong> FoldLane(Vector128<ulong> lane, Vector128<ulong> constants) =>
        Pclmulqdq.CarrylessMultiply(lane, constants, 0x00) ^ Pclmulqdq.CarrylessMultiply(lane, constants, 0x11);

    private static Vector128<ulong> Load(ReadOnlySpan<byte> data, int offset) => Vector128.Create(data.Slice(offset, 16)).AsUInt64();

    private static uint[] BuildTables()
    {
        var tables = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var crc = i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            }

            tables[i] = crc;
        }

        for (var i = 0; i < 256; i++)
        {
            for (var slice = 1; slice < 8; slice++)
            {
                var previous = tables[((slice - 1) * 256) + i];
                tables[(slice * 256) + i] = (previous >> 8) ^ tables[(int)(previous & 0xFF)];
            }
        }

        return tables;
    }
}
