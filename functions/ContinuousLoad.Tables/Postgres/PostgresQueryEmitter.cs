using System.Globalization;
using System.Text;
using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Queries;
using ContinuousLoad.Tables.Storage;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>
/// Re-emits a bound query as PostgreSQL SQL with Doris's semantics: conversions that never raise (NULL
/// instead), division by zero as NULL, Doris's NULL ordering, MySQL string functions, and the
/// session time zone and statement time passed in, so <c>now()</c> matches the other store.
/// The outermost level renders every value in canonical text so 38-digit decimals arrive exact.
/// </summary>
internal sealed partial class PostgresQueryEmitter(EvaluationContext context) : SqlEmitter
{
    private readonly List<object> _parameters = [];

    public IReadOnlyList<object> Parameters => _parameters;

    /// <summary>The top level: the query natively in a subquery, values rendered for reading, ordering and limit outside.</summary>
    public string EmitTop(BoundQuery query)
    {
        var extra = new List<BoundExpression>();
        var inner = Emit(query with { OrderBy = [], Limit = null, Offset = 0 }, query.OrderBy, extra);
        var sql = new StringBuilder("SELECT ");
        sql.AppendJoin(", ", query.Output.Select((o, i) => $"{PostgresStoredForm.Expression($"q.\"c{i}\"", o.Type)} AS \"c{i}\""));
        sql.Append(" FROM (").Append(inner).Append(") AS q");
        var extraIndex = 0;
        if (!query.OrderBy.IsEmpty)
        {
            sql.Append(" ORDER BY ").AppendJoin(", ", query.OrderBy.Select(item =>
            {
                var key = item.Expression is BoundOutputRef output ? $"q.\"c{output.Index}\"" : $"q.\"o{extraIndex++}\"";
                return $"{key}{Collate(item.Expression.Type)}{(item.Descending ? " DESC" : " ASC")}{(item.NullsFirst ? " NULLS FIRST" : " NULLS LAST")}";
            }));
        }

        return sql.Append(Limit(query)).ToString();
    }

    protected override string Quote(string name) => PostgresNames.Quote(name);

    protected override string Emit(BoundQuery query) => Emit(query, null, null);

    private string Emit(BoundQuery query, IReadOnlyList<BoundOrderItem>? hoistedOrder, List<BoundExpression>? extra)
    {
        StackGuard.Ensure();
        var sql = new StringBuilder();
        Dictionary<int, string>? slots = null;
        switch (query.Body)
        {
            case BoundSelect select:
                slots = [];
                var hoisted = hoistedOrder?.Where(o => o.Expression is not BoundOutputRef).Select(o => o.Expression).ToList() ?? [];
                extra?.AddRange(hoisted);
                AppendSelect(sql, select, slots, hoisted.Select((h, i) => $"{Expression(h, slots)} AS \"o{i}\""));
                break;
            case BoundSetOperation set:
                sql.Append('(').Append(Emit(set.Left)).Append(") ")
                    .Append(SetOperatorKeyword(set.Operator))
                    .Append(set.All ? " ALL " : " ")
                    .Append('(').Append(Emit(set.Right)).Append(')');
                break;
        }

        if (!query.OrderBy.IsEmpty)
        {
            sql.Append(" ORDER BY ").AppendJoin(", ", query.OrderBy.Select(item =>
            {
                var key = item.Expression is BoundOutputRef output ? $"\"c{output.Index}\"" : Expression(item.Expression, slots ?? []);
                return $"{key}{(item.Expression is BoundOutputRef ? "" : Collate(item.Expression.Type))}{(item.Descending ? " DESC" : " ASC")}{(item.NullsFirst ? " NULLS FIRST" : " NULLS LAST")}";
            }));
        }

        return sql.Append(Limit(query)).ToString();
    }

    private static string Limit(BoundQuery query) =>
        (query.Limit is { } limit ? $" LIMIT {limit.ToString(CultureInfo.InvariantCulture)}" : "")
        + (query.Offset > 0 ? $" OFFSET {query.Offset.ToString(CultureInfo.InvariantCulture)}" : "");

    private static string Collate(DataType type) => type.IsString ? " COLLATE \"C\"" : "";

    private string Parameter(object value)
    {
        _parameters.Add(value);
        return "$" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The statement start in the session zone, as a timestamp parameter.</summary>
    private string Now() => $"CAST({Parameter(SqlValueFormat.FormatDateTime(context.NowMicros, 6))} AS timestamp)";

    private string Zone() => Parameter(ZoneName(context.TimeZone));

    /// <summary>IANA names pass as they are; fixed offsets as "+08:00", read as intervals by the helper functions.</summary>
    public static string ZoneName(TimeZoneInfo zone) =>
        zone.Id.Length > 0 && zone.Id[0] is '+' or '-' ? zone.Id
        : zone == TimeZoneInfo.Utc ? "UTC"
        : zone.Id;

    private string Literal(SqlValue value, DataType type)
    {
        var pgType = PostgresTypes.Of(type);
        if (value.IsNull)
        {
            return $"CAST(NULL AS {pgType})";
        }

        return value.Kind switch
        {
            ValueKind.Boolean => value.AsBoolean ? "TRUE" : "FALSE",
            ValueKind.Integer => $"CAST({value.AsInteger.ToString(CultureInfo.InvariantCulture)} AS {pgType})",
            _ => $"CAST({Parameter(ValueEncoding.Text(value, type))} AS {pgType})",
        };
    }

    private string Aggregate(BoundAggregate aggregate, Dictionary<int, string> slots)
    {
        var distinct = aggregate.Distinct ? "DISTINCT " : "";
        var argument = aggregate.Argument is null ? "" : Expression(aggregate.Argument, slots);
        return aggregate.Kind switch
        {
            AggregateKind.CountStar => "count(*)",
            AggregateKind.Count => $"count({distinct}{argument})",
            AggregateKind.Sum or AggregateKind.Avg when aggregate.Type.Kind == TypeKind.Decimal =>
                $"CAST({(aggregate.Kind == AggregateKind.Sum ? "sum" : "avg")}({distinct}{argument}) AS {PostgresTypes.Of(aggregate.Type)})",
            AggregateKind.Sum => $"CAST(sum({distinct}{argument}) AS {PostgresTypes.Of(aggregate.Type)})",
            AggregateKind.Avg => $"CAST(avg({distinct}{argument}) AS double precision)",
            AggregateKind.Min => $"min({distinct}{argument}{Collate(aggregate.Type)})",
            AggregateKind.Max => $"max({distinct}{argument}{Collate(aggregate.Type)})",
            _ => $"string_agg({distinct}{argument}, {Parameter(aggregate.Separator)})",
        };
    }
}
