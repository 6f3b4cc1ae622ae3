using ContinuousLoad.Sources.Postgres.Metadata;
using ContinuousLoad.Sql.Types;

namespace ContinuousLoad.Jobs.Sources.Mirror;

/// <summary>
/// A PostgreSQL column's type in a database-level job's target (spec B.7), read from its SQL type text
/// (<c>format_type</c>): integers and floats as they are, numeric capped at 38 digits (scale 9 when unspecified),
/// bpchar sized for UTF-8, varchar and text STRING, timestamps DATETIME with their precision, json and jsonb
/// JSON, one-dimensional arrays ARRAY of their element, and everything else STRING.
/// </summary>
public static class PostgresTargetTypes
{
    public static DataType Of(ColumnMetadata column) => Of(column.TypeName);

    /// <summary>The table as a database-level job creates its target.</summary>
    public static MirroredTable Table(TableMetadata table) =>
        new(table.Name.Name, [.. table.Columns.Select(c => new MirroredColumn(c.Name, Of(c), c.IsNullable, c.Comment))], [.. table.PrimaryKey.Select(c => c.Name)],
            table.Comment);

    /// <param name="typeName">As <c>format_type</c> writes it: <c>character varying(20)</c>, <c>numeric(10,2)</c>, <c>timestamp(3) with time zone</c>, <c>integer[]</c>.</param>
    public static DataType Of(string typeName)
    {
        if (typeName.EndsWith("[]", StringComparison.Ordinal))
        {
            var element = typeName[..^2];
            return element.EndsWith("[]", StringComparison.Ordinal) ? DataType.String : DataType.Array(Of(element));
        }

        var open = typeName.IndexOf('(');
        var close = typeName.IndexOf(')');
        var name = open < 0 ? typeName : (typeName[..open] + typeName[(close + 1)..]).Trim();
        var arguments = open < 0 ? [] : typeName[(open + 1)..close].Split(',', StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        return name switch
        {
            "boolean" => DataType.Boolean,
            "bit" when arguments is [1] => DataType.Boolean,
            "smallint" => DataType.SmallInt,
            "integer" => DataType.Int,
            "bigint" => DataType.BigInt,
            "real" => DataType.Float,
            "double precision" => DataType.Double,
            "numeric" => arguments switch
            {
                [var precision, var scale] => TargetTypes.Decimal(Math.Min(precision, DataType.MaxDecimalPrecision), scale),
                [var precision] => TargetTypes.Decimal(Math.Min(precision, DataType.MaxDecimalPrecision), 0),
                _ => DataType.Decimal(DataType.MaxDecimalPrecision, 9),
            },
            "character" => TargetTypes.Text(arguments is [var length] ? length : 1, fixedLength: true),
            "date" => DataType.Date,
            "timestamp without time zone" or "timestamp with time zone" => TargetTypes.DateTime(arguments is [var precision] ? precision : 6),
            "json" or "jsonb" => DataType.Json,
            _ => DataType.String,
        };
    }
}
