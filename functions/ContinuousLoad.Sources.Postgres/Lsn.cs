using System.Globalization;
using NpgsqlTypes;

namespace ContinuousLoad.Sources.Postgres;

/// <summary>
/// A write-ahead-log position, printed the way PostgreSQL prints <c>pg_lsn</c>: two upper-case hex
/// halves, <c>16/B374D848</c>. Ours rather than <see cref="NpgsqlLogSequenceNumber"/> so offsets can
/// be persisted and compared without Npgsql in the consumer's contract.
/// </summary>
public readonly record struct Lsn(ulong Value) : IComparable<Lsn>
{
    public static readonly Lsn Zero;

    public static Lsn Parse(string text) =>
        TryParse(text, out var lsn) ? lsn : throw new FormatException($"'{text}' is not a PostgreSQL LSN (expected two hex halves like 16/B374D848).");

    public static bool TryParse(ReadOnlySpan<char> text, out Lsn lsn)
    {
        lsn = Zero;
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash > 8 || text.Length - slash - 1 is <= 0 or > 8
            || !uint.TryParse(text[..slash], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            || !uint.TryParse(text[(slash + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
        {
            return false;
        }

        lsn = new Lsn(((ulong)high << 32) | low);
        return true;
    }

    public int CompareTo(Lsn other) => Value.CompareTo(other.Value);

    public static bool operator <(Lsn left, Lsn right) => left.Value < right.Value;

    public static bool operator >(Lsn left, Lsn right) => left.Value > right.Value;

    public static bool operator <=(Lsn left, Lsn right) => left.Value <= right.Value;

    public static bool operator >=(Lsn left, Lsn right) => left.Value >= right.Value;

    public static Lsn Max(Lsn left, Lsn right) => left > right ? left : right;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(uint)(Value >> 32):X}/{(uint)Value:X}");

    internal NpgsqlLogSequenceNumber ToNpgsql() => new(Value);

    internal static Lsn FromNpgsql(NpgsqlLogSequenceNumber lsn) => new((ulong)lsn);
}
