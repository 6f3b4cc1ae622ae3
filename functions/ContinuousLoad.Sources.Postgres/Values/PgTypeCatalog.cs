using System.Collections.Concurrent;
using Npgsql;

namespace ContinuousLoad.Sources.Postgres.Values;

/// <summary>
/// Resolves column type OIDs to <see cref="PgTypeInfo"/>: built-ins from a table, everything else
/// (enums, domains, arrays of them, extension types) from pg_type once per OID. pgoutput's own Type
/// message names a type but not its base type, so the catalog asks the server.
/// </summary>
public sealed class PgTypeCatalog(string connectionString)
{
    private readonly ConcurrentDictionary<uint, PgTypeInfo> _resolved = new();

    /// <summary>Only built-ins: for tests and for readers that never meet user-defined types.</summary>
    public static PgTypeCatalog BuiltinOnly { get; } = new(string.Empty);

    /// <summary>A type already known (built in or resolved before); unknown ones read as text.</summary>
    public PgTypeInfo Find(uint oid) =>
        BuiltinTypes.Find(oid) ?? _resolved.GetValueOrDefault(oid) ?? new PgTypeInfo(oid, oid.ToString(System.Globalization.CultureInfo.InvariantCulture), PgValueKind.Text);

    public bool IsKnown(uint oid) => BuiltinTypes.Find(oid) is not null || _resolved.ContainsKey(oid);

    public async ValueTask<PgTypeInfo> ResolveAsync(uint oid, CancellationToken cancellationToken)
    {
        if (BuiltinTypes.Find(oid) is { } builtin)
        {
            return builtin;
        }

        if (_resolved.TryGetValue(oid, out var known))
        {
            return known;
        }

        if (connectionString.Length == 0)
        {
            return new PgTypeInfo(oid, oid.ToString(System.Globalization.CultureInfo.InvariantCulture), PgValueKind.Text);
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var resolved = await ResolveWithAsync(connection, oid, depth: 0, cancellationToken);
        _resolved[oid] = resolved;
        return resolved;
    }

    private async Task<PgTypeInfo> ResolveWithAsync(NpgsqlConnection connection, uint oid, int depth, CancellationToken cancellationToken)
    {
        if (BuiltinTypes.Find(oid) is { } builtin)
        {
            return builtin;
        }

        await using var command = new NpgsqlCommand(
            "SELECT typname, typtype, typbasetype, typelem, typcategory, typdelim FROM pg_type WHERE oid = $1", connection)
        {
            Parameters = { new() { Value = oid, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Oid } },
        };
        string name;
        char type, category, delimiter;
        uint baseType, element;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new PgTypeInfo(oid, oid.ToString(System.Globalization.CultureInfo.InvariantCulture), PgValueKind.Text);
            }

            (name, type, baseType, element, category, delimiter) =
                (reader.GetString(0), reader.GetChar(1), reader.GetFieldValue<uint>(2), reader.GetFieldValue<uint>(3), reader.GetChar(4), reader.GetChar(5));
        }

        if (depth > 8)
        {
            return new PgTypeInfo(oid, name, PgValueKind.Text);
        }

        return type switch
        {
            'd' => (await ResolveWithAsync(connection, baseType, depth + 1, cancellationToken)) with { Oid = oid, Name = name },
            'e' => new PgTypeInfo(oid, name, PgValueKind.Enum),
            _ when category == 'A' && element != 0 =>
                new PgTypeInfo(oid, name, PgValueKind.Array, await ResolveWithAsync(connection, element, depth + 1, cancellationToken), delimiter),
            _ => new PgTypeInfo(oid, name, PgValueKind.Text),
        };
    }
}
