using System.Text;
using Npgsql;

namespace ContinuousLoad.Sources.Postgres.Wire;

/// <summary>
/// ErrorResponse bodies (PostgreSQL docs "Error and Notice Message Fields": a field code byte and a
/// NUL-terminated string per field, then a NUL) as Npgsql's <see cref="PostgresException"/>, so callers
/// catch a server refusal the same way whichever connection met it.
/// </summary>
internal static class WireErrors
{
    public static PostgresException Parse(ReadOnlySpan<byte> body)
    {
        var fields = new Dictionary<char, string>();
        while (body.Length > 0 && body[0] != 0)
        {
            var code = (char)body[0];
            var end = body[1..].IndexOf((byte)0);
            if (end < 0)
            {
                break;
            }

            fields[code] = Encoding.UTF8.GetString(body.Slice(1, end));
            body = body[(end + 2)..];
        }

        var severity = fields.GetValueOrDefault('S') ?? "ERROR";
        return new PostgresException(
            fields.GetValueOrDefault('M') ?? "(no message)",
            severity,
            fields.GetValueOrDefault('V') ?? severity,
            fields.GetValueOrDefault('C') ?? "XX000",
            fields.GetValueOrDefault('D'),
            fields.GetValueOrDefault('H'),
            0,
            0,
            null,
            fields.GetValueOrDefault('W'),
            fields.GetValueOrDefault('s'),
            fields.GetValueOrDefault('t'),
            fields.GetValueOrDefault('c'),
            fields.GetValueOrDefault('d'),
            fields.GetValueOrDefault('n'),
            fields.GetValueOrDefault('F'),
            fields.GetValueOrDefault('L'),
            fields.GetValueOrDefault('R'));
    }

    public static PostgresSourceException Violation(string what) =>
        new(PostgresSourceError.ProtocolViolation, $"PostgreSQL protocol violation: {what}.");
}
