using System.Globalization;
using System.Text;
using ContinuousLoad.Ingest.Formats.Csv;
using ContinuousLoad.Ingest.Formats.Json;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Syntax;

namespace ContinuousLoad.Ingest.Options;

/// <summary>
/// Reads Stream Load headers into <see cref="LoadOptions"/>. Header names are case-insensitive; values
/// are strings, booleans <c>true</c>/<c>false</c>. Every bad value is refused with a message naming it,
/// before any of the body is read.
/// </summary>
public static class LoadOptionsParser
{
    public const int MaxLabelLength = 128;
    public const int MaxTimeoutSeconds = 259_200;
    public const int DefaultTimeoutSeconds = 600;
    public const string LabelPattern = "^[-_A-Za-z0-9:]{1,128}$";

    /// <param name="limits">What the expression headers may cost; <see cref="HeaderLimits.Default"/> when null.</param>
    /// <exception cref="LoadRequestException">A header is invalid or the combination is not allowed.</exception>
    public static LoadOptions Parse(Func<string, string?> header, HeaderLimits? limits = null)
    {
        string? Get(string name) => header(name) is { } value ? value : null;
        limits ??= HeaderLimits.Default;
        var sql = limits.Sql;

        var format = Format(Get("format"));
        if (format == LoadFormat.Json && !string.IsNullOrWhiteSpace(Get("compress_type")))
        {
            throw new LoadRequestException("compress data of JSON format is not supported.", LoadErrorKind.Internal);
        }

        if (!string.IsNullOrWhiteSpace(Get("partitions")) && !string.IsNullOrWhiteSpace(Get("temporary_partitions")))
        {
            throw new LoadRequestException("Can not specify both partitions and temporary partitions", LoadErrorKind.InvalidArgument);
        }

        Integer(Get("exec_mem_limit"), "mem limit", 0, long.MaxValue);
        Integer(Get("send_batch_parallelism"), "send_batch_parallelism", 1, int.MaxValue);
        var options = new LoadOptions
        {
            Label = Label(Get("label")),
            Format = format,
            SkipLines = (int)(Integer(Get("skip_lines"), "skip_lines", 0, int.MaxValue) ?? 0),
            MaxFilterRatio = Ratio(Get("max_filter_ratio")),
            Partitions = List(Get("partitions") ?? Get("temporary_partitions")),
            Timeout = TimeSpan.FromSeconds(Timeout(Get("timeout"))),
            StrictMode = Boolean(Get("strict_mode"), "strict_mode", "Invalid strict mode format. Must be bool type"),
            TimeZone = Get("timezone") is { Length: > 0 } zone
                ? EvaluationContext.FindTimeZone(zone) ?? throw new LoadRequestException($"Unknown or incorrect time zone: '{zone}'")
                : null,
            Columns = Get("columns") is { Length: > 0 } columns ? ColumnMappings(columns, limits) : null,
            Where = Get("where") is { Length: > 0 } where ? Parse(where, "where", text => SqlParser.ParseExpression(text, sql)) : null,
            MergeType = Get("merge_type")?.Trim().ToUpperInvariant() switch
            {
                null or "" or "APPEND" => MergeType.Append,
                "DELETE" => MergeType.Delete,
                "MERGE" => MergeType.Merge,
                _ => throw new LoadRequestException($"Invalid merge type {Get("merge_type")}", LoadErrorKind.InvalidArgument),
            },
            Delete = Get("delete") is { Length: > 0 } delete ? Parse(delete, "delete", text => SqlParser.ParseExpression(text, sql)) : null,
            SequenceSource = Get("function_column.sequence_col") is { Length: > 0 } sequence ? sequence.Trim() : null,
            HiddenColumns = List(Get("hidden_columns")),
            Compression = ParseCompression(Get("compress_type")),
            Comment = Get("comment") ?? "",
            TwoPhaseCommit = Boolean(Get("two_phase_commit"), "two_phase_commit"),
            GroupCommit = GroupCommit(Get("group_commit")),
            Csv = new CsvFormat(
                Separator(Get("column_separator"), "column_separator", "\t"),
                Separator(Get("line_delimiter"), "line_delimiter", "\n"),
                SingleByte(Get("enclose"), "enclose"),
                SingleByte(Get("escape"), "escape"),
                Boolean(Get("trim_double_quotes"), "trim_double_quotes")),
        };

        options = options with
        {
            Json = new JsonFormat(
                Boolean(Get("read_json_by_line"), "read_json_by_line"),
                Boolean(Get("strip_outer_array"), "strip_outer_array"),
                Get("json_root") is { Length: > 0 } root ? Path(root, "json_root") : null,
                Get("jsonpaths") is { Length: > 0 } paths ? Paths(paths) : null,
                options.Csv.LineDelimiter),
        };
        Boolean(Get("fuzzy_parse"), "fuzzy_parse");
        Boolean(Get("num_as_string"), "num_as_string");

        var (partial, newKeysAllowed) = PartialUpdate(Get("partial_columns"), Get("unique_key_update_mode"), Get("partial_update_new_key_behavior"));
        options = options with { PartialColumns = partial, PartialNewKeysAllowed = newKeysAllowed };
        CheckCombinations(options);
        return options;
    }

    private static void CheckCombinations(LoadOptions options)
    {
        if (options.MergeType == MergeType.Merge && options.Delete is null)
        {
            throw new LoadRequestException("Excepted DELETE ON clause when merge type is MERGE.", LoadErrorKind.InvalidArgument);
        }

        if (options.MergeType != MergeType.Merge && options.Delete is not null)
        {
            throw new LoadRequestException("Not support DELETE ON clause when merge type is not MERGE.", LoadErrorKind.InvalidArgument);
        }

        if (options.GroupCommit && (options.Label is not null || options.TwoPhaseCommit || options.PartialColumns))
        {
            throw new LoadRequestException("group_commit can not be used with a label, two_phase_commit or partial_columns", LoadErrorKind.InvalidArgument);
        }

        if (options.TwoPhaseCommit && options.PartialColumns && !options.PartialNewKeysAllowed)
        {
            throw new LoadRequestException("partial_update_new_key_behavior ERROR can not be used with two_phase_commit", LoadErrorKind.InvalidArgument);
        }

        if (options.Csv.Enclose is { } enclose && (options.Csv.ColumnSeparator.Contains(enclose) || options.Csv.LineDelimiter.Contains(enclose)))
        {
            throw new LoadRequestException("enclose must not be part of column_separator or line_delimiter", LoadErrorKind.InvalidArgument);
        }
    }

    private static string? Label(string? label)
    {
        if (string.IsNullOrEmpty(label))
        {
            return null;
        }

        var valid = label.Length <= MaxLabelLength && label.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':');
        return valid ? label : throw new LoadRequestException($"Label format error. regex: {LabelPattern}, label: {label}");
    }

    private static LoadFormat Format(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "csv" => LoadFormat.Csv,
        "csv_with_names" => LoadFormat.CsvWithNames,
        "csv_with_names_and_types" => LoadFormat.CsvWithNamesAndTypes,
        "json" => LoadFormat.Json,
        "parquet" or "orc" or "arrow" => throw new LoadRequestException(
            $"format {format!.Trim().ToLowerInvariant()} is not supported; load csv, csv_with_names, csv_with_names_and_types or json", LoadErrorKind.Internal),
        _ => throw new LoadRequestException($"unknown data format, format={format}", LoadErrorKind.Internal),
    };

    /// <summary>A <c>compress_type</c> value (also a job's S3 parameter).</summary>
    public static CompressType ParseCompression(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "plain" => CompressType.None,
        "gz" or "gzip" => CompressType.Gzip,
        "deflate" => CompressType.Deflate,
        "bz2" or "lz4" or "lz4frame" or "lzo" or "lzop" or "zstd" or "snappyblock" =>
            throw new LoadRequestException($"compress_type {value!.Trim().ToLowerInvariant()} is not supported; use gz or deflate", LoadErrorKind.Internal),
        _ => throw new LoadRequestException($"unknown compress_type {value}; use gz or deflate", LoadErrorKind.Internal),
    };

    private static bool GroupCommit(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "off_mode" => false,
        "sync_mode" or "async_mode" => true,
        _ => throw new LoadRequestException($"Invalid group_commit '{value}': use off_mode, sync_mode or async_mode", LoadErrorKind.InvalidArgument),
    };

    private static (bool Partial, bool NewKeysAllowed) PartialUpdate(string? partialColumns, string? mode, string? newKeys)
    {
        var partial = Boolean(partialColumns, "partial_columns");
        switch (mode?.Trim().ToUpperInvariant())
        {
            case null or "" or "UPSERT":
                break;
            case "UPDATE_FIXED_COLUMNS":
                partial = true;
                break;
            case "UPDATE_FLEXIBLE_COLUMNS":
                throw new LoadRequestException("unique_key_update_mode UPDATE_FLEXIBLE_COLUMNS is not supported; use UPSERT or UPDATE_FIXED_COLUMNS",
                    LoadErrorKind.InvalidArgument);
            default:
                throw new LoadRequestException($"Invalid unique_key_update_mode {mode}, must be one of 'UPSERT', 'UPDATE_FIXED_COLUMNS' or 'UPDATE_FLEXIBLE_COLUMNS'",
                    LoadErrorKind.InvalidArgument);
        }

        var allowed = newKeys?.Trim().ToUpperInvariant() switch
        {
            null or "" or "APPEND" => true,
            "ERROR" => false,
            _ => throw new LoadRequestException($"Invalid partial_update_new_key_behavior {newKeys}, must be one of 'APPEND' or 'ERROR'", LoadErrorKind.InvalidArgument),
        };
        return (partial, allowed);
    }

    private static bool Boolean(string? value, string name, string? message = null) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" => false,
        "true" => true,
        _ => throw new LoadRequestException(message ?? $"Invalid {name} format '{value}'. Must be bool type (true or false)", LoadErrorKind.InvalidArgument),
    };

    private static long? Integer(string? value, string name, long min, long max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new LoadRequestException($"Invalid {name} format '{value}': expected a whole number from {min} to {max}", LoadErrorKind.InvalidArgument);
    }

    private static int Timeout(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultTimeoutSeconds;
        }

        if (!long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new LoadRequestException("Invalid timeout format", LoadErrorKind.InvalidArgument);
        }

        return seconds is >= 1 and <= MaxTimeoutSeconds
            ? (int)seconds
            : throw new LoadRequestException($"Invalid timeout: {seconds}. Timeout should between 1 and {MaxTimeoutSeconds} seconds");
    }

    private static double Ratio(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return 0;
        }

        return double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio) && ratio is >= 0 and <= 1
            ? ratio
            : throw new LoadRequestException($"Invalid max_filter_ratio '{value}': expected a number from 0 to 1");
    }

    private static IReadOnlyList<string> List(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>A separator or delimiter: any text, with <c>\xNN</c> hex bytes (<c>\x01</c>) and <c>\t</c>/<c>\n</c> escapes.</summary>
    public static byte[] Separator(string? value, string name, string fallback)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Encoding.UTF8.GetBytes(fallback);
        }

        var bytes = new List<byte>();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                var next = value[i + 1];
                if (next is 'x' or 'X' && i + 3 < value.Length && byte.TryParse(value.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
                {
                    bytes.Add(hex);
                    i += 3;
                    continue;
                }

                if (next is 't' or 'n' or 'r')
                {
                    bytes.Add(next switch { 't' => (byte)'\t', 'n' => (byte)'\n', _ => (byte)'\r' });
                    i++;
                    continue;
                }
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
        }

        return bytes.Count > 0 ? [.. bytes] : throw new LoadRequestException($"{name} must not be empty");
    }

    private static byte? SingleByte(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var bytes = Separator(value, name, "");
        return bytes.Length == 1 ? bytes[0] : throw new LoadRequestException($"{name} must be single-char, actually is {value}", LoadErrorKind.InvalidArgument);
    }

    private static JsonPath Path(string text, string name)
    {
        try
        {
            return JsonPath.Parse(text);
        }
        catch (FormatException e)
        {
            throw new LoadRequestException($"Invalid {name}: {e.Message}");
        }
    }

    private static IReadOnlyList<JsonPath> Paths(string text)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Array)
            {
                throw new LoadRequestException($"Invalid jsonpaths '{text}': expected a JSON array of paths such as [\"$.a\", \"$.b\"]");
            }

            return [.. document.RootElement.EnumerateArray().Select(p => Path(p.GetString() ?? "", "jsonpaths"))];
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new LoadRequestException($"Invalid jsonpaths '{text}': {e.Message}");
        }
    }

    private static IReadOnlyList<Sql.Syntax.ColumnMapping> ColumnMappings(string text, HeaderLimits limits)
    {
        var mappings = Parse(text, "columns", columns => SqlParser.ParseColumnMappings(columns, limits.Sql));
        return mappings.Count <= limits.MaxColumns
            ? mappings
            : throw new LoadRequestException(
                $"The columns header has {mappings.Count} entries, more than the limit of {limits.MaxColumns} (ContinuousLoad:Limits:MaxLoadColumns)",
                LoadErrorKind.InvalidArgument);
    }

    private static T Parse<T>(string text, string name, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (SqlSyntaxException e)
        {
            throw new LoadRequestException($"Invalid {name} '{Abbreviate(text)}': {e.Message}");
        }
        catch (SqlLimitException e)
        {
            throw new LoadRequestException($"Invalid {name}: {e.Message}");
        }
    }

    /// <summary>A header echoed in a message: long ones are cut, so an answer never repeats kilobytes of input.</summary>
    private static string Abbreviate(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "...");
}
