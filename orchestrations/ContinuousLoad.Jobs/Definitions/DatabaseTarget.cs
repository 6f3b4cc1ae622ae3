using System.Globalization;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Definitions;

/// <summary>
/// The target side of a database-level job, <c>TO DATABASE db (...)</c> (spec B.6): the database its tables
/// load into, the PROPERTIES of the tables it creates (<c>table.create.properties.&lt;prop&gt;</c>), and how its
/// loads treat bad rows (<c>load.strict_mode</c>, <c>load.max_filter_ratio</c>).
/// </summary>
public sealed record DatabaseTarget(string Database, IReadOnlyList<Property> CreateProperties, bool StrictMode, double MaxFilterRatio)
{
    public const string CreatePropertiesPrefix = "table.create.properties.";

    /// <exception cref="DorisException">An unknown key or a bad value.</exception>
    public static DatabaseTarget Parse(string database, IReadOnlyList<Property> properties)
    {
        var create = new List<Property>();
        var strict = false;
        var ratio = 0.0;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in properties)
        {
            if (!seen.Add(key.Trim()))
            {
                throw new DorisException($"target property '{key.Trim()}' is given twice");
            }

            switch (key.Trim().ToLowerInvariant())
            {
                case var name when name.StartsWith(CreatePropertiesPrefix, StringComparison.Ordinal) && name.Length > CreatePropertiesPrefix.Length:
                    create.Add(new Property(key.Trim()[CreatePropertiesPrefix.Length..], value));
                    break;
                case "load.strict_mode":
                    strict = value.Trim().ToLowerInvariant() switch
                    {
                        "true" => true,
                        "false" => false,
                        _ => throw new DorisException($"Invalid load.strict_mode '{value}': use true or false"),
                    };
                    break;
                case "load.max_filter_ratio":
                    ratio = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 0 and <= 1
                        ? parsed
                        : throw new DorisException($"Invalid load.max_filter_ratio '{value}': a number from 0 to 1");
                    break;
                default:
                    throw new DorisException($"Unexpected key: '{key.Trim()}'");
            }
        }

        return new DatabaseTarget(database, create, strict, ratio);
    }
}
