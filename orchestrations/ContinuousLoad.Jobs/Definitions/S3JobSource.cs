using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Sources.S3;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Definitions;

/// <summary>
/// A job's <c>S3(...)</c> parameters (spec B.3), validated: where the objects are, how to reach them,
/// and how to read them. Format parameters are the Stream Load headers of the same names, so they are
/// read by the same parser and mean the same thing — except <c>read_json_by_line</c>, true by default here.
/// </summary>
public sealed record S3JobSource(S3Connection Connection, S3Location Location, LoadOptions Format, CompressType? Compression) : SourceParameters
{
    public const string SourceKind = "s3";

    public override string Kind => SourceKind;

    public override LoadOptions Format { get; } = Format;

    public override string Identity => Location.ToString();

    public override string IdentityChanged(string jobName) => $"The S3 uri of a streaming job cannot change: job '{jobName}' reads {Location}";

    public static readonly string[] SecretParameters = ["s3.secret_key", "s3.session_token"];

    private static readonly string[] Required = ["uri", "s3.access_key", "s3.secret_key", "s3.region", "s3.endpoint", "format"];

    private static readonly string[] Optional = ["s3.session_token", "use_path_style", "provider", "compress_type", "path_partition_keys"];

    private static readonly string[] FormatParameters =
    [
        "column_separator", "line_delimiter", "read_json_by_line", "strip_outer_array", "json_root", "jsonpaths", "num_as_string", "fuzzy_parse",
        "trim_double_quotes", "skip_lines", "enclose", "escape",
    ];

    /// <exception cref="DorisException">A parameter is missing, unknown or invalid.</exception>
    public static S3JobSource Parse(IReadOnlyList<Property> parameters)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in parameters)
        {
            if (!values.TryAdd(parameter.Key.Trim(), parameter.Value))
            {
                throw new DorisException($"S3 parameter '{parameter.Key}' is given twice");
            }
        }

        var unknown = values.Keys.Where(k => !Required.Concat(Optional).Concat(FormatParameters).Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new DorisException($"Invalid S3 parameters: [{string.Join(", ", unknown)}]");
        }

        var missing = Required.Where(k => string.IsNullOrWhiteSpace(values.GetValueOrDefault(k))).ToList();
        if (missing.Count > 0)
        {
            throw new DorisException($"S3 parameter(s) [{string.Join(", ", missing)}] are required");
        }

        var pathStyle = values.GetValueOrDefault("use_path_style")?.Trim().ToLowerInvariant() switch
        {
            null or "" or "false" => false,
            "true" => true,
            var other => throw new DorisException($"Invalid use_path_style '{other}'. Must be true or false"),
        };
        var connection = new S3Connection(values["s3.endpoint"].Trim(), values["s3.region"].Trim(), values["s3.access_key"], values["s3.secret_key"],
            values.GetValueOrDefault("s3.session_token"), pathStyle);

        S3Location location;
        try
        {
            location = S3Location.Parse(values["uri"].Trim(), pathStyle);
        }
        catch (FormatException e)
        {
            throw new DorisException(e.Message);
        }

        LoadOptions format;
        try
        {
            format = LoadOptionsParser.Parse(name => name switch
            {
                "format" => values["format"],
                "read_json_by_line" => values.GetValueOrDefault(name) ?? "true",
                _ when FormatParameters.Contains(name, StringComparer.Ordinal) => values.GetValueOrDefault(name),
                _ => null,
            });
        }
        catch (LoadRequestException e)
        {
            throw new DorisException(e.Message);
        }

        format = format with { PathFields = PathPartitionKeys(values.GetValueOrDefault("path_partition_keys")) };
        return new S3JobSource(connection, location, format, ParseCompression(values.GetValueOrDefault("compress_type")));
    }

    /// <summary>How an object is compressed: the <c>compress_type</c> parameter, or (UNKNOWN or absent) its key's suffix.</summary>
    /// <exception cref="LoadRequestException">The suffix names a compression this service does not read.</exception>
    public CompressType CompressionOf(string key)
    {
        if (Compression is { } given)
        {
            return given;
        }

        var dot = key.LastIndexOf('.');
        var suffix = dot < 0 || key.IndexOf('/', dot) >= 0 ? "" : key[(dot + 1)..].ToLowerInvariant();
        return suffix switch
        {
            "gz" or "gzip" => CompressType.Gzip,
            "deflate" => CompressType.Deflate,
            "bz2" or "lz4" or "lzo" or "snappy" or "zst" or "zstd" => LoadOptionsParser.ParseCompression(suffix),
            _ => CompressType.None,
        };
    }

    /// <summary><c>path_partition_keys = "dt,region"</c>: fields valued from <c>dt=...</c> and <c>region=...</c> folders of each key.</summary>
    private static List<string> PathPartitionKeys(string? value)
    {
        var keys = (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var key in keys.Where(k => !k.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(k[0])))
        {
            throw new DorisException($"Invalid path_partition_keys '{value}': '{key}' is not a column name (letters, digits and '_', not starting with a digit)");
        }

        foreach (var twice in keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            throw new DorisException($"Invalid path_partition_keys '{value}': '{twice.Key}' is named twice");
        }

        return keys;
    }

    /// <returns>null for UNKNOWN (by suffix).</returns>
    private static CompressType? ParseCompression(string? value)
    {
        if (value is null || value.Trim().Equals("unknown", StringComparison.OrdinalIgnoreCase) || value.Trim().Length == 0)
        {
            return null;
        }

        try
        {
            return LoadOptionsParser.ParseCompression(value);
        }
        catch (LoadRequestException e)
        {
            throw new DorisException(e.Message);
        }
    }
}
