using System.Numerics;
using System.Security.Cryptography;

namespace ContinuousLoad.Sources.MySql.Authentication;

/// <summary>
/// Ed25519 signatures (RFC 8032, section 5.1: PureEdDSA over edwards25519), written out because the
/// BCL has none. Only signing with a secret is needed: a login signs one 32-byte nonce, so the plain
/// BigInteger field arithmetic and extended coordinates (section 5.1.4) are fast enough and easy to check
/// against the RFC's test vectors. The secret may have any length: RFC 8032 uses 32-byte seeds, MariaDB's
/// client_ed25519 hashes the password itself in their place.
/// </summary>
public static class Ed25519
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly BigInteger D = Mod(-121665 * Inverse(121666));
    private static readonly BigInteger SqrtMinusOne = BigInteger.ModPow(2, (P - 1) / 4, P);
    private static readonly Point BasePoint = CreateBasePoint();

    /// <summary>The 64-byte signature R || S of <paramref name="message"/> under <paramref name="secret"/>.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> message)
    {
        var hash = SHA512.HashData(secret);
        var scalar = ClampedScalar(hash.AsSpan(0, 32));
        var publicKey = Encode(Multiply(BasePoint, scalar));

        var r = Mod(HashToInteger(hash[32..], message.ToArray()), L);
        var encodedR = Encode(Multiply(BasePoint, r));
        var k = Mod(HashToInteger(encodedR, publicKey, message.ToArray()), L);
        var s = Mod(r + k * scalar, L);

        var signature = new byte[64];
        encodedR.CopyTo(signature, 0);
        WriteLittleEndian(s, signature.AsSpan(32));
        return signature;
    }

    /// <summary>The 32-byte public key of a secret (RFC 8032, 5.1.5).</summary>
    public static byte[] PublicKey(ReadOnlySpan<byte> secret)
    {
        var hash = SHA512.HashData(secret);
        return Encode(Multiply(BasePoint, ClampedScalar(hash.AsSpan(0, 32))));
    }

    private static BigInteger ClampedScalar(ReadOnlySpan<byte> first32)
    {
        Span<byte> a = stackalloc byte[32];
        first32.CopyTo(a);
        a[0] &= 248;
        a[31] &= 127;
        a[31] |= 64;
        return new BigInteger(a, isUnsigned: true, isBigEndian: false);
    }

    // SHA-512 of the concatenated parts, read as a little-endian integer (RFC 8032, 5.1.6 steps 2 and 4).
    private static BigInteger HashToInteger(params ReadOnlySpan<byte[]> parts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        foreach (var part in parts)
        {
            sha.AppendData(part);
        }

        return new BigInteger(sha.GetHashAndReset(), isUnsigned: true, isBigEndian: false);
    }

    // Extended homogeneous coordinates: x = X/Z, y = Y/Z, x*y = T/Z.
    private readonly record struct Point(BigInteger X, BigInteger Y, BigInteger Z, BigInteger T);

    private static Point Add(Point p, Point q)
    {
        var a = Mod((p.Y - p.X) * (q.Y - q.X));
        var b = Mod((p.Y + p.X) * (q.Y + q.X));
        var c = Mod(2 * p.T * q.T * D);
        var d = Mod(2 * p.Z * q.Z);
        var e = b - a;
        var f = d - c;
        var g = d + c;
        var h = b + a;
        return new Point(Mod(e * f), Mod(g * h), Mod(f * g), Mod(e * h));
    }

    private static Point Multiply(Point point, BigInteger scalar)
    {
        var result = new Point(0, 1, 1, 0);
        var addend = point;
        while (scalar > 0)
        {
            if (!scalar.IsEven)
            {
                result = Add(result, addend);
            }

            addend = Add(addend, addend);
            scalar >>= 1;
        }

        return result;
    }

    private static byte[] Encode(Point point)
    {
        var zInverse = Inverse(point.Z);
        var x = Mod(point.X * zInverse);
        var y = Mod(point.Y * zInverse);
        var bytes = new byte[32];
        WriteLittleEndian(y, bytes);
        if (!x.IsEven)
        {
            bytes[31] |= 0x80;
        }

        return bytes;
    }

    private static Point CreateBasePoint()
    {
        var y = Mod(4 * Inverse(5));
        // x² = (y² - 1) / (d y² + 1); take the even root (RFC 8032, 5.1.3).
        var xx = Mod((y * y - 1) * Inverse(D * y * y + 1));
        var x = BigInteger.ModPow(xx, (P + 3) / 8, P);
        if (Mod(x * x - xx) != 0)
        {
            x = Mod(x * SqrtMinusOne);
        }

        if (!x.IsEven)
        {
            x = P - x;
        }

        return new Point(x, y, 1, Mod(x * y));
    }

    private static void WriteLittleEndian(BigInteger value, Span<byte> destination)
    {
        destination[..32].Clear();
        value.TryWriteBytes(destination, out _, isUnsigned: true, isBigEndian: false);
    }

    private static BigInteger Inverse(BigInteger value) => BigInteger.ModPow(Mod(value), P - 2, P);

    private static BigInteger Mod(BigInteger value) => Mod(value, P);

    private static BigInteger Mod(BigInteger value, BigInteger modulus)
    {
        var result = value % modulus;
        return result.Sign < 0 ? result + modulus : result;
    }
}
