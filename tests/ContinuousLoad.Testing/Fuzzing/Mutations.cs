using System.Text;

namespace ContinuousLoad.Testing.Fuzzing;

/// <summary>Byte- and text-level damage for fuzz inputs: flips, cuts, repeats, splices and interesting values.</summary>
public static class Mutations
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0xFF, (byte)'\n', (byte)'\r', (byte)',', (byte)'"', (byte)'\\', (byte)'{', (byte)'[', (byte)'('];

    private static readonly string[] Tokens =
    [
        "(", ")", "((((", "))))", ",", "'", "\"", "`", "\\", "/*", "*/", "/*+", "--", "#", ";", "NULL", "SELECT", "FROM", "WHERE",
        "AND", "OR", "NOT", "IN", "BETWEEN", "CASE", "WHEN", "END", "CAST(", "AS", "ARRAY<", ">", ">>", "<=>", "-", "+", "*", "/", "%",
        "9223372036854775808", "-170141183460469231731687303715884105728", "1e999", "0x", ".5", "99999999999999999999999999999999999999999",
        "\u00e9", "\u0000", "\ud83d\ude00", "\u202e", "SET_VAR(", "=", "INTERVAL", "DAY", "UNION", "JOIN", "ON", "*",
    ];

    /// <summary>One to four random changes to <paramref name="data"/>.</summary>
    public static byte[] Damage(byte[] data, Random random)
    {
        var bytes = new List<byte>(data);
        for (var n = random.Next(1, 5); n > 0; n--)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 16)));
                    break;
                case 2:
                    bytes.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    break;
                case 3 when bytes.Count > 0:
                    var length = Math.Min(bytes.Count - at, random.Next(1, 64));
                    var slice = bytes.GetRange(at, length);
                    for (var copies = random.Next(1, 8); copies > 0; copies--)
                    {
                        bytes.InsertRange(at, slice);
                    }

                    break;
                case 4 when bytes.Count > 0:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 5 when bytes.Count > 0:
                    bytes[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                default:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]));
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>Text damage that keeps to UTF-16: token splices, cuts, repeats and swaps.</summary>
    public static string Damage(string text, Random random)
    {
        var builder = new StringBuilder(text);
        for (var n = random.Next(1, 5); n > 0; n--)
        {
            var at = builder.Length == 0 ? 0 : random.Next(builder.Length);
            switch (random.Next(5))
            {
                case 0 when builder.Length > 0:
                    builder.Remove(at, Math.Min(builder.Length - at, random.Next(1, 12)));
                    break;
                case 1 when builder.Length > 0:
                    var length = Math.Min(builder.Length - at, random.Next(1, 40));
                    var slice = builder.ToString(at, length);
                    builder.Insert(at, slice, random.Next(1, 6));
                    break;
                case 2 when builder.Length > 0:
                    builder.Length = at;
                    break;
                case 3 when builder.Length > 1:
                    var other = random.Next(builder.Length);
                    (builder[at], builder[other]) = (builder[other], builder[at]);
                    break;
                default:
                    builder.Insert(at, (random.Next(2) == 0 ? " " : "") + Tokens[random.Next(Tokens.Length)] + " ");
                    break;
            }
        }

        return builder.ToString();
    }
}
