using System.Globalization;
using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Sources.MySql.Binlog;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Replication;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Definitions;

/// <summary>
/// A CDC job's source, validated before anything is created: which server (<see cref="JdbcUrl"/>), which
/// tables (<see cref="TableSelection"/>), where to start (<see cref="CdcStart"/>), how to cut the snapshot,
/// and the source-specific settings. Read from a table-level job's <c>cdc_stream(...)</c> parameters (spec
/// B.5, <see cref="Parse"/>: one table) or a database-level job's <c>FROM MYSQL | POSTGRES (...)</c> (spec B.6,
/// <see cref="ParseDatabase"/>). A key that does not exist, or that belongs to the other source type, is
/// refused by name; <c>driver_url</c> and <c>driver_class</c> (JDBC-isms) are accepted and ignored.
/// </summary>
public sealed record CdcStreamSource(CdcSourceType Type, JdbcUrl Url, string User, string Password, string Database, string? Schema, TableSelection Tables,
    CdcStart Start) : SourceParameters
{
    /// <summary>The source field that says whether a change row deletes (1) or upserts (0) its key.</summary>
    public const string DeleteSignField = "__DORIS_DELETE_SIGN__";

    private static readonly LoadOptions ChangeRows = LoadOptionsParser.Parse(name => name == "format" ? "json" : null) with { ChangeData = true };

    public override string Kind => KindOf(Type);

    /// <summary>Change rows come with fields by name, as JSON keys do; a WHERE miss deletes (see <see cref="LoadOptions.ChangeData"/>).</summary>
    public override LoadOptions Format => ChangeRows;

    public override string Identity =>
        string.Join('|', Type, Url.Host, Url.Port, Database, Schema, Tables.Identity, SnapshotSplitSize, SnapshotParallelism, SlotName, PublicationName);

    public override string IdentityChanged(string jobName) => Tables.WholeDatabase
        ? "The source of a database-level job cannot change (jdbc_url, database, schema, include_tables, exclude_tables, table.<src>.target_table, " +
          $"snapshot_split_size, snapshot_parallelism, slot_name, publication_name): job '{jobName}' reads {Url.Host}:{Url.Port} {Database}{(Schema is null ? "" : "." + Schema)}"
        : "The source of a cdc_stream job cannot change (jdbc_url, database, schema, table, snapshot_split_size, snapshot_parallelism, slot_name, " +
          $"publication_name): job '{jobName}' reads {Url.Host}:{Url.Port} {Database}.{(Schema is null ? "" : Schema + ".")}{Tables.Single}";

    /// <summary>The <see cref="SourceParameters.Kind"/> of a source type: <c>cdc_stream:mysql</c>, <c>cdc_stream:postgres</c>.</summary>
    public static string KindOf(CdcSourceType type) => "cdc_stream:" + (type == CdcSourceType.MySql ? "mysql" : "postgres");

    /// <summary>Rows per snapshot chunk when not given (Doris 4.1.4 and later).</summary>
    public const int DefaultSnapshotSplitSize = 40_960;

    public const int MaxSnapshotParallelism = 64;

    private static readonly string[] Common =
    [
        "jdbc_url", "user", "password", "database", "offset", "snapshot_split_size", "snapshot_parallelism", "ssl_mode", "ssl_rootcert", "driver_url", "driver_class",
    ];

    private static readonly string[] TableLevel = ["type", "table", "include_delete_sign"];

    private static readonly string[] DatabaseLevel = ["include_tables", "exclude_tables"];

    private static readonly string[] MySqlOnly = ["server_id"];

    private static readonly string[] PostgresOnly = ["schema", "slot_name", "publication_name"];

    public int SnapshotSplitSize { get; init; } = DefaultSnapshotSplitSize;

    public int SnapshotParallelism { get; init; } = 1;

    /// <summary>The rows one snapshot task reads: <c>snapshot_split_size × snapshot_parallelism</c>.</summary>
    public int SnapshotRangeRows => checked(SnapshotSplitSize * SnapshotParallelism);

    /// <summary>MySQL: the replica server ids the job may use (one, or a range to pick from); null picks one.</summary>
    public (uint First, uint Last)? ServerIds { get; init; }

    /// <summary>PostgreSQL: the slot and publication, the user's (never dropped) or derived from the job id (the job's own).</summary>
    public string? SlotName { get; init; }

    public string? PublicationName { get; init; }

    /// <summary>Expose <c>__DORIS_DELETE_SIGN__</c> (0 upsert, 1 delete) to the job's SELECT.</summary>
    public bool IncludeDeleteSign { get; init; }

    public CdcSslMode SslMode { get; init; } = CdcSslMode.Disable;

    public string? SslRootCert { get; init; }

    /// <summary>A table-level job's <c>cdc_stream(...)</c> parameters (spec B.5).</summary>
    /// <exception cref="DorisException">A parameter is missing, unknown, given twice, or invalid.</exception>
    public static CdcStreamSource Parse(IReadOnlyList<Property> parameters)
    {
        var values = Values(parameters, "cdc_stream parameter");
        Refuse(values.Keys.Where(k => !Common.Concat(TableLevel).Concat(MySqlOnly).Concat(PostgresOnly).Contains(k, StringComparer.OrdinalIgnoreCase)));
        foreach (var required in new[] { "jdbc_url", "type", "table", "offset", "user", "password" })
        {
            Require(values, required);
        }

        var type = values["type"].ToLowerInvariant() switch
        {
            "mysql" => CdcSourceType.MySql,
            "postgres" or "postgresql" => CdcSourceType.Postgres,
            var other => throw new DorisException($"Invalid type '{other}' for cdc_stream: use mysql or postgres"),
        };
        var table = values["table"];
        if (table.Contains(',', StringComparison.Ordinal))
        {
            throw new DorisException($"table names exactly one source table, not '{table}'; a job over several tables is FROM {(type == CdcSourceType.MySql ? "MYSQL" : "POSTGRES")} (...) TO DATABASE");
        }

        return Read(values, type, TableSelection.One(table), values["offset"]) with
        {
            IncludeDeleteSign = values.GetValueOrDefault("include_delete_sign")?.ToLowerInvariant() switch
            {
                null or "false" => false,
                "true" => true,
                var other => throw new DorisException($"Invalid include_delete_sign '{other}': use true or false"),
            },
        };
    }

    /// <summary>A database-level job's source properties, <c>FROM MYSQL | POSTGRES (...)</c> (spec B.6); <c>offset</c> defaults to <c>latest</c>.</summary>
    /// <param name="sourceKind">The source's name as written: MYSQL, POSTGRES or POSTGRESQL.</param>
    /// <exception cref="DorisException">The kind is unknown, or a property is missing, unknown, given twice, or invalid.</exception>
    public static CdcStreamSource ParseDatabase(string sourceKind, IReadOnlyList<Property> properties)
    {
        var type = sourceKind.ToUpperInvariant() switch
        {
            "MYSQL" => CdcSourceType.MySql,
            "POSTGRES" or "POSTGRESQL" => CdcSourceType.Postgres,
            _ => throw new DorisException($"Unknown source type '{sourceKind}' for a database-level job: use MYSQL or POSTGRES"),
        };
        var values = Values(properties, "source property");
        Refuse(values.Keys.Where(k => !k.StartsWith("table.", StringComparison.OrdinalIgnoreCase)
                                      && !Common.Concat(DatabaseLevel).Concat(MySqlOnly).Concat(PostgresOnly).Contains(k, StringComparer.OrdinalIgnoreCase)));
        foreach (var required in new[] { "jdbc_url", "user", "password" })
        {
            Require(values, required);
        }

        return Read(values, type, TableSelection.Parse(values), values.GetValueOrDefault("offset") ?? "latest");
    }

    private static Dictionary<string, string> Values(IReadOnlyList<Property> parameters, string what)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in parameters)
        {
            if (!values.TryAdd(parameter.Key.Trim(), parameter.Value.Trim()))
            {
                throw new DorisException($"{what} '{parameter.Key.Trim()}' is given twice");
            }
        }

        return values;
    }

    private static void Refuse(IEnumerable<string> unknown)
    {
        foreach (var key in unknown)
        {
            throw new DorisException($"Unexpected key: '{key}'");
        }
    }

    private static void Require(Dictionary<string, string> values, string key)
    {
        if (!values.TryGetValue(key, out var value) || (key != "password" && value.Length == 0))
        {
            throw new DorisException($"{key} is required");
        }
    }

    /// <summary>What both forms share: the server, the start, the snapshot's cut, the source-specific settings.</summary>
    private static CdcStreamSource Read(Dictionary<string, string> values, CdcSourceType type, TableSelection tables, string offset)
    {
        foreach (var key in values.Keys.Where(k => (type == CdcSourceType.MySql ? PostgresOnly : MySqlOnly).Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            throw new DorisException($"'{key}' applies only to type {(type == CdcSourceType.MySql ? "postgres" : "mysql")}");
        }

        var url = JdbcUrl.Parse(values["jdbc_url"], type);
        var database = values.GetValueOrDefault("database") is { Length: > 0 } named ? named : url.Database;
        if (string.IsNullOrEmpty(database))
        {
            throw new DorisException(type == CdcSourceType.MySql
                ? "database is required"
                : "database is required (as the parameter, or in jdbc_url as jdbc:postgresql://host:port/database)");
        }

        var schema = values.GetValueOrDefault("schema");
        if (type == CdcSourceType.Postgres && string.IsNullOrEmpty(schema))
        {
            throw new DorisException("schema is required");
        }

        var sslMode = SslModeOf(values.GetValueOrDefault("ssl_mode"));
        var rootCert = values.GetValueOrDefault("ssl_rootcert") is { Length: > 0 } cert ? cert : null;
        if ((sslMode == CdcSslMode.VerifyCa) != (rootCert is not null))
        {
            throw new DorisException(rootCert is null
                ? "ssl_mode verify-ca needs ssl_rootcert, the CA certificate (PEM) to verify the server with"
                : "ssl_rootcert applies only with ssl_mode verify-ca");
        }

        return new CdcStreamSource(type, url, values["user"], values["password"], database, schema, tables, CdcStart.Parse(offset, type))
        {
            SnapshotSplitSize = PositiveInt(values, "snapshot_split_size", DefaultSnapshotSplitSize, int.MaxValue),
            SnapshotParallelism = PositiveInt(values, "snapshot_parallelism", 1, MaxSnapshotParallelism),
            ServerIds = ServerIdsOf(values.GetValueOrDefault("server_id")),
            SlotName = ReplicationName(values, "slot_name"),
            PublicationName = ReplicationName(values, "publication_name"),
            SslMode = sslMode,
            SslRootCert = rootCert,
        };
    }

    private static int PositiveInt(Dictionary<string, string> values, string key, int fallback, int max)
    {
        if (!values.TryGetValue(key, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 && value <= max
            ? value
            : throw new DorisException($"Invalid {key} '{text}': a whole number from 1 to {max.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary><c>5400</c>, or <c>5400-5408</c> to pick a free one from.</summary>
    private static (uint, uint)? ServerIdsOf(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var bounds = text.Split('-', StringSplitOptions.TrimEntries);
        if (bounds.Length <= 2
            && uint.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first) && first > 0
            && uint.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last) && last >= first)
        {
            return (first, last);
        }

        throw new DorisException($"Invalid server_id '{text}': a replica id from 1 to 4294967295, or a range such as 5400-5408");
    }

    private static string? ReplicationName(Dictionary<string, string> values, string key)
    {
        if (!values.TryGetValue(key, out var name))
        {
            return null;
        }

        return ReplicationNames.IsValidSlotName(name)
            ? name
            : throw new DorisException($"Invalid {key} '{name}': lower-case letters, digits and underscores, at most {ReplicationNames.MaxLength}");
    }

    private static CdcSslMode SslModeOf(string? text) => text?.ToLowerInvariant() switch
    {
        null or "" or "disable" => CdcSslMode.Disable,
        "require" => CdcSslMode.Require,
        "verify-ca" => CdcSslMode.VerifyCa,
        var other => throw new DorisException($"Invalid ssl_mode '{other}': use disable, require or verify-ca"),
    };
}

public enum CdcSourceType
{
    MySql,
    Postgres,
}

public enum CdcSslMode
{
    Disable,
    Require,
    VerifyCa,
}
