using ContinuousLoad.Sql.Limits;
using System.Globalization;
using System.Text;
using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Queries;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Queries;
using ContinuousLoad.Tables.Storage;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>
/// Re-emits a bound query as SQLite SQL over stored forms. Relational parts (joins, filters, grouping,
/// ordering, aggregates) run in SQLite; a scalar expression SQLite would compute differently from Doris
/// (casts, arithmetic, functions, LIKE) becomes a per-query function that runs our own evaluator on
/// the values of its leaves, so both stores answer like Doris does. Table functions read the tables
/// their rows were loaded into on this connection (<paramref name="virtualTables"/>).
/// </summary>
internal sealed class SqliteQueryEmitter(
    SqliteConnection connection,
    EvaluationContext context,
    IReadOnlyDictionary<VirtualTable, string>? virtualTables = null) : SqlEmitter
{
    private readonly List<object> _parameters = [];
    private int _functions;

    public IReadOnlyList<object> Parameters => _parameters;

    protected override string Quote(string name) => SqliteNames.Quote(name);

    protected override string Emit(BoundQuery query) => EmitQuery(query);

    protected override string VirtualTableSource(VirtualTable table) =>
        virtualTables?.GetValueOrDefault(table) is { } name ? $"\"main\".{Quote(name)}" : base.VirtualTableSource(table);

    public string EmitQuery(BoundQuery query)
    {
        StackGuard.Ensure();
        var sql = new StringBuilder();
        Dictionary<int, string>? slots = null;
        switch (query.Body)
        {
            case BoundSelect select:
                slots = [];
                AppendSelect(sql, select, slots);
                break;
            case BoundSetOperation set:
                sql.Append("SELECT * FROM (").Append(Emit(set.Left)).Append(") ")
                    .Append(SetOperatorKeyword(set.Operator))
                    .Append(set.All && set.Operator == SetOperator.Union ? " ALL " : " ")
                    .Append("SELECT * FROM (").Append(Emit(set.Right)).Append(')');
                if (set.All && set.Operator != SetOperator.Union)
                {
                    throw new DorisException($"{set.Operator.ToString().ToUpperInvariant()} ALL is not supported by the sqlite store");
                }

                break;
        }

        if (!query.OrderBy.IsEmpty)
        {
            sql.Append(" ORDER BY ").AppendJoin(", ", query.OrderBy.Select(item =>
            {
                var key = Expression(item.Expression, slots ?? []);
                var collate = SqliteDialect.IsNumericText(item.Expression.Type) ? $" COLLATE {SqliteNumericCollation.Name}" : "";
                return $"{key}{collate}{(item.Descending ? " DESC" : " ASC")}{(item.NullsFirst ? " NULLS FIRST" : " NULLS LAST")}";
            }));
        }

        if (query.Limit is not null || query.Offset > 0)
        {
            sql.Append(" LIMIT ").Append((query.Limit ?? -1).ToString(CultureInfo.InvariantCulture))
                .Append(" OFFSET ").Append(query.Offset.ToString(CultureInfo.InvariantCulture));
        }

        return sql.ToString();
    }

    protected override string Expression(BoundExpression expression, Dictionary<int, string> slots)
    {
        StackGuard.Ensure();
        string Go(BoundExpression child) => Expression(child, slots);
        switch (expression)
        {
            case BoundColumn column:
                return slots[column.Ordinal];
            case BoundOutputRef output:
                return $"\"c{output.Index}\"";
            case BoundLiteral literal:
                return Parameter(Storage(literal.Value, literal.Type));
            case BoundAggregate aggregate:
                return Aggregate(aggregate, slots);
            case BoundBinary { Operator: BinaryOperator.And or BinaryOperator.Or } logical:
                return $"({Go(logical.Left)} {(logical.Operator == BinaryOperator.And ? "AND" : "OR")} {Go(logical.Right)})";
            case BoundUnary { Operator: UnaryOperator.Not } not:
                return $"(NOT {Go(not.Operand)})";
            case BoundBinary { Operator: BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.LessOrEqual
                or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual or BinaryOperator.NullSafeEqual } comparison:
                var op = comparison.Operator switch
                {
                    BinaryOperator.Equal => "=",
                    BinaryOperator.NotEqual => "<>",
                    BinaryOperator.Less => "<",
                    BinaryOperator.LessOrEqual => "<=",
                    BinaryOperator.Greater => ">",
                    BinaryOperator.GreaterOrEqual => ">=",
                    _ => "IS",
                };
                return $"({Go(comparison.Left)} {op} {Go(comparison.Right)}{Collate(comparison.OperandType)})";
            case BoundIsNull isNull:
                return $"({Go(isNull.Operand)} IS {(isNull.Negated ? "NOT " : "")}NULL)";
            case BoundIn @in:
                return $"({Go(@in.Operand)}{Collate(@in.Operand.Type)} {(@in.Negated ? "NOT IN" : "IN")} ({string.Join(", ", @in.Items.Select(Go))}))";
            case BoundCase @case:
                return Case(@case, slots);
            default:
                return Evaluated(expression, slots);
        }
    }

    private static string Collate(DataType type) => SqliteDialect.IsNumericText(type) ? $" COLLATE {SqliteNumericCollation.Name}" : "";

    private string Aggregate(BoundAggregate aggregate, Dictionary<int, string> slots)
    {
        var distinct = aggregate.Distinct ? "DISTINCT " : "";
        var argument = aggregate.Argument is null ? "" : Expression(aggregate.Argument, slots);
        var numericText = aggregate.Argument is not null && SqliteDialect.IsNumericText(aggregate.Argument.Type);
        return aggregate.Kind switch
        {
            AggregateKind.CountStar => "count(*)",
            AggregateKind.Count => $"count({distinct}{argument})",
            AggregateKind.Sum when numericText => $"cl_numeric_sum({distinct}{argument})",
            AggregateKind.Avg when aggregate.Type.Kind == TypeKind.Decimal =>
                $"cl_numeric_avg({argument}, {aggregate.Type.Scale.ToString(CultureInfo.InvariantCulture)})",
            AggregateKind.Sum => $"sum({distinct}{argument})",
            AggregateKind.Avg => $"avg({distinct}{argument})",
            AggregateKind.Min => $"min({distinct}{argument}{(numericText ? Collate(aggregate.Argument!.Type) : "")})",
            AggregateKind.Max => $"max({distinct}{argument}{(numericText ? Collate(aggregate.Argument!.Type) : "")})",
            _ => $"cl_group_concat{(aggregate.Distinct ? "_distinct" : "")}({argument}, {Parameter(aggregate.Separator)})",
        };
    }

    /// <summary>Computes a subtree with our evaluator in a function SQLite calls per row with the subtree's leaf values.</summary>
    private string Evaluated(BoundExpression expression, Dictionary<int, string> slots)
    {
        var leaves = new List<BoundExpression>();
        var rewritten = BoundRewriter.Rewrite(expression, node =>
        {
            if (node is not (BoundColumn or BoundAggregate or BoundOutputRef))
            {
                return null;
            }

            leaves.Add(node);
            return new BoundColumn(leaves.Count - 1, $"arg{leaves.Count - 1}", node.Type);
        });
        var compiled = ExpressionCompiler.Compile(rewritten);
        var types = leaves.Select(l => l.Type).ToArray();
        var resultType = expression.Type;
        var row = new SqlValue[types.Length];
        var name = $"cl_expr_{_functions++}";
        connection.CreateFunction(name, (object?[] arguments) =>
        {
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = Decode(arguments[i], types[i]);
            }

            var value = compiled(row, context);
            return value.IsNull ? null : Storage(value, resultType);
        }, isDeterministic: true);
        return $"{name}({string.Join(", ", leaves.Select(l => Expression(l, slots)))})";
    }

    private string Parameter(object value)
    {
        _parameters.Add(value);
        return "?" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A value in its column storage form (what SQLite compares and returns).</summary>
    public static object Storage(SqlValue value, DataType type)
    {
        if (value.IsNull)
        {
            return DBNull.Value;
        }

        return ValueEncoding.StorageOf(type) switch
        {
            StorageClass.Integer => value.Kind == ValueKind.Boolean ? (value.AsBoolean ? 1L : 0L) : value.AsInteger,
            StorageClass.Real => value.AsDouble,
            _ => ValueEncoding.Text(value, type),
        };
    }

    public static SqlValue Decode(object? stored, DataType type) => stored switch
    {
        null or DBNull => SqlValue.Null,
        long integer when ValueEncoding.StorageOf(type) == StorageClass.Integer => ValueEncoding.FromInteger(integer, type),
        long integer => ValueEncoding.FromText(integer.ToString(CultureInfo.InvariantCulture), type),
        double real when ValueEncoding.StorageOf(type) == StorageClass.Real => SqlValue.FromDouble(real),
        double real => ValueEncoding.FromText(SqlValueFormat.FormatDouble(real), type),
        string text => ValueEncoding.FromText(text, type),
        _ => throw new DorisException($"unexpected stored value {stored.GetType().Name}"),
    };
}
