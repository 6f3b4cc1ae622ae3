using System.Globalization;
using System.Text.Json;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Binlog;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Definitions;

/// <summary>Where a CDC job starts reading, from its <c>offset</c> parameter (spec B.5).</summary>
public enum CdcStartMode
{
    /// <summary>Snapshot the table, then stream the changes from where the snapshot is consistent.</summary>
    Initial,

    /// <summary>Snapshot the table and finish.</summary>
    Snapshot,

    /// <summary>Only the changes from now on.</summary>
    Latest,

    /// <summary>MySQL: the changes from the oldest binlog the server still has.</summary>
    Earliest,

    /// <summary>The changes from a given position: <see cref="CdcStart.Binlog"/> or <see cref="CdcStart.Lsn"/>.</summary>
    Position,
}

/// <summary>
/// The <c>offset</c> of a CDC job: a mode, or a position in the JSON forms Doris takes — MySQL
/// <c>{"file":"binlog.000001","pos":"154"}</c> or <c>{"gtids":"..."}</c> (a MySQL GTID set or MariaDB
/// GTIDs), PostgreSQL <c>{"lsn":"..."}</c> (the LSN as a number, or as <c>16/B374D848</c>).
/// </summary>
public sealed record CdcStart(CdcStartMode Mode, BinlogStart? Binlog = null, Lsn? Lsn = null)
{
    /// <exception cref="DorisException">The offset is not one <paramref name="type"/> takes.</exception>
    public static CdcStart Parse(string text, CdcSourceType type)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "initial":
                return new CdcStart(CdcStartMode.Initial);
            case "snapshot":
                return new CdcStart(CdcStartMode.Snapshot);
            case "latest":
                return new CdcStart(CdcStartMode.Latest);
            case "earliest" when type == CdcSourceType.MySql:
                return new CdcStart(CdcStartMode.Earliest);
            case "earliest":
                throw new DorisException("offset 'earliest' applies only to type mysql: a PostgreSQL slot starts where it is created");
        }

        if (!text.TrimStart().StartsWith('{'))
        {
            throw Invalid(text, type);
        }

        Dictionary<string, string> fields;
        try
        {
            using var json = JsonDocument.Parse(text);
            fields = json.RootElement.ValueKind == JsonValueKind.Object
                ? json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(),
                    StringComparer.OrdinalIgnoreCase)
                : throw Invalid(text, type);
        }
        catch (JsonException)
        {
            throw Invalid(text, type);
        }

        return type == CdcSourceType.MySql ? MySqlPosition(text, fields) : PostgresPosition(text, fields);
    }

    private static CdcStart MySqlPosition(string text, Dictionary<string, string> fields)
    {
        if (fields.Count == 1 && fields.TryGetValue("gtids", out var gtids))
        {
            try
            {
                // MariaDB's domain-server-sequence list, or a MySQL uuid:interval set (always with a colon).
                if (!gtids.Contains(':', StringComparison.Ordinal))
                {
                    _ = gtids.Split(',').Select(g => MariaDbGtid.Parse(g.Trim())).ToList();
                }
                else
                {
                    _ = MySqlGtidSet.Encode(gtids);
                }
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new DorisException($"Invalid offset '{text}': {e.Message}");
            }

            return new CdcStart(CdcStartMode.Position, Binlog: BinlogStart.AfterGtids(gtids.Trim()));
        }

        if (fields.Count == 2 && fields.TryGetValue("file", out var file) && file.Trim().Length > 0 && fields.TryGetValue("pos", out var pos)
            && long.TryParse(pos, NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position >= 4)
        {
            return new CdcStart(CdcStartMode.Position, Binlog: BinlogStart.At(new BinlogPosition(file.Trim(), position)));
        }

        throw Invalid(text, CdcSourceType.MySql);
    }

    private static CdcStart PostgresPosition(string text, Dictionary<string, string> fields)
    {
        if (fields.Count == 1 && fields.TryGetValue("lsn", out var value))
        {
            if (ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
            {
                return new CdcStart(CdcStartMode.Position, Lsn: new Lsn(number));
            }

            if (ContinuousLoad.Sources.Postgres.Lsn.TryParse(value, out var lsn) && lsn.Value > 0)
            {
                return new CdcStart(CdcStartMode.Position, Lsn: lsn);
            }
        }

        throw Invalid(text, CdcSourceType.Postgres);
    }

    private static DorisException Invalid(string text, CdcSourceType type) => new(type == CdcSourceType.MySql
        ? $"Invalid offset '{text}': use initial, snapshot, latest, earliest, {{\"file\":\"binlog.000001\",\"pos\":\"154\"}} or {{\"gtids\":\"...\"}}"
        : $"Invalid offset '{text}': use initial, snapshot, latest or {{\"lsn\":\"12345678\"}}");
}
