using ContinuousLoad.Sql.Syntax.Definitions;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Statements;

namespace ContinuousLoad.Sql.Syntax;

public sealed partial class SqlParser
{
    private CreateTableStatement CreateTable()
    {
        var ifNotExists = AcceptKeywords("IF", "NOT", "EXISTS");
        var name = QualifiedTableName();
        ExpectSymbol("(");
        var columns = new List<ColumnDefinition>();
        var indexes = new List<IndexDefinition>();
        do
        {
            if (AcceptKeyword("INDEX"))
            {
                indexes.Add(Index());
            }
            else
            {
                columns.Add(ColumnDefinition());
            }
        }
        while (AcceptSymbol(","));

        ExpectSymbol(")");

        string? engine = null;
        KeyDescription? keys = null;
        string? comment = null;
        PartitionDescription? partition = null;
        DistributionDescription? distribution = null;
        var properties = NodeList<Property>.Empty;
        while (true)
        {
            if (AcceptKeyword("ENGINE"))
            {
                ExpectSymbol("=");
                engine = ExpectName("an engine name");
            }
            else if (AtKeyword("DUPLICATE") || AtKeyword("UNIQUE") || AtKeyword("AGGREGATE"))
            {
                var model = Advance().Text.ToUpperInvariant() switch
                {
                    "DUPLICATE" => KeyModel.Duplicate,
                    "UNIQUE" => KeyModel.Unique,
                    _ => KeyModel.Aggregate,
                };
                ExpectKeyword("KEY");
                keys = new KeyDescription(model, ParenthesizedNames("a key column"));
            }
            else if (AcceptKeyword("COMMENT"))
            {
                comment = ExpectString("a comment string");
            }
            else if (AtKeyword("PARTITION") || AtKeyword("AUTO"))
            {
                partition = Partition();
            }
            else if (AcceptKeyword("DISTRIBUTED"))
            {
                distribution = Distribution();
            }
            else if (AcceptKeyword("PROPERTIES"))
            {
                properties = PropertyList();
            }
            else
            {
                break;
            }
        }

        return new CreateTableStatement(name, ifNotExists, new NodeList<ColumnDefinition>(columns),
            new NodeList<IndexDefinition>(indexes), engine, keys, comment, partition, distribution, properties);
    }

    private ColumnDefinition ColumnDefinition()
    {
        var name = ExpectName("a column name");
        var type = DataTypeSyntax();
        AggregationKind? aggregation = null;
        bool? nullable = null;
        ColumnDefault? defaultValue = null;
        string? comment = null;
        var autoIncrement = false;
        while (true)
        {
            if (AcceptKeywords("NOT", "NULL"))
            {
                nullable = false;
            }
            else if (AcceptKeyword("NULL"))
            {
                nullable = true;
            }
            else if (AcceptKeyword("KEY"))
            {
                // Doris allows "KEY" after a key column's type; the key list decides.
            }
            else if (AggregationKeyword() is { } kind)
            {
                aggregation = kind;
            }
            else if (AcceptKeyword("AUTO_INCREMENT"))
            {
                autoIncrement = true;
                if (AcceptSymbol("("))
                {
                    ExpectInteger("an AUTO_INCREMENT start value");
                    ExpectSymbol(")");
                }
            }
            else if (AcceptKeyword("DEFAULT"))
            {
                defaultValue = DefaultValue();
            }
            else if (AcceptKeywords("ON", "UPDATE"))
            {
                if (!(AcceptKeyword("CURRENT_TIMESTAMP") || AcceptKeyword("NOW")))
                {
                    throw Error("CURRENT_TIMESTAMP after ON UPDATE");
                }

                OptionalPrecision();
            }
            else if (AcceptKeyword("COMMENT"))
            {
                comment = ExpectString("a comment string");
            }
            else
            {
                break;
            }
        }

        return new ColumnDefinition(name, type, aggregation, nullable, defaultValue, comment, autoIncrement);
    }

    private AggregationKind? AggregationKeyword()
    {
        AggregationKind? kind = Current.Kind == TokenKind.Word ? Current.Text.ToUpperInvariant() switch
        {
            "SUM" => AggregationKind.Sum,
            "MAX" => AggregationKind.Max,
            "MIN" => AggregationKind.Min,
            "REPLACE" => AggregationKind.Replace,
            "REPLACE_IF_NOT_NULL" => AggregationKind.ReplaceIfNotNull,
            _ => null,
        } : null;
        if (kind is not null)
        {
            _index++;
        }
        else if (Current.Kind == TokenKind.Word && Current.Text.ToUpperInvariant() is "HLL_UNION" or "BITMAP_UNION" or "QUANTILE_UNION" or "GENERIC")
        {
            throw Invalid(Current, $"aggregation {Current.Text.ToUpperInvariant()} is not supported; use SUM, MAX, MIN, REPLACE or REPLACE_IF_NOT_NULL");
        }

        return kind;
    }

    private ColumnDefault DefaultValue()
    {
        if (AcceptKeyword("NULL"))
        {
            return ColumnDefault.Null;
        }

        if (AcceptKeyword("CURRENT_TIMESTAMP") || AcceptKeyword("NOW") || AcceptKeyword("LOCALTIMESTAMP"))
        {
            return new ColumnDefault(ColumnDefaultKind.CurrentTimestamp, Precision: OptionalPrecision());
        }

        if (AcceptKeyword("CURRENT_DATE"))
        {
            OptionalPrecision();
            return new ColumnDefault(ColumnDefaultKind.CurrentDate);
        }

        var negative = AcceptSymbol("-");
        return Current.Kind switch
        {
            TokenKind.String when !negative => ColumnDefault.Of(Advance().Text),
            TokenKind.Integer or TokenKind.Decimal or TokenKind.Float => ColumnDefault.Of((negative ? "-" : "") + Advance().Text),
            _ => throw Error("a default value (a literal, NULL or CURRENT_TIMESTAMP)"),
        };
    }

    /// <summary>An optional <c>(n)</c> or <c>()</c> after CURRENT_TIMESTAMP / NOW.</summary>
    private int OptionalPrecision()
    {
        if (!AcceptSymbol("("))
        {
            return 0;
        }

        var precision = AtSymbol(")") ? 0 : (int)ExpectInteger("a precision");
        ExpectSymbol(")");
        return precision;
    }

    private IndexDefinition Index()
    {
        var name = ExpectName("an index name");
        var columns = ParenthesizedNames("an indexed column");
        string? usingKind = null;
        if (AcceptKeyword("USING"))
        {
            usingKind = ExpectName("an index type").ToUpperInvariant();
        }

        var properties = AcceptKeyword("PROPERTIES") ? PropertyList() : NodeList<Property>.Empty;
        var comment = AcceptKeyword("COMMENT") ? ExpectString("a comment string") : null;
        return new IndexDefinition(name, columns, usingKind, properties, comment);
    }

    private PartitionDescription Partition()
    {
        var auto = AcceptKeyword("AUTO");
        ExpectKeyword("PARTITION");
        ExpectKeyword("BY");
        PartitionKind kind;
        if (AcceptKeyword("RANGE"))
        {
            kind = PartitionKind.Range;
        }
        else if (AcceptKeyword("LIST"))
        {
            kind = PartitionKind.List;
        }
        else
        {
            throw Error("RANGE or LIST");
        }

        NodeList<string> columns;
        string? autoFunction = null;
        if (auto && AtSymbol("(") && Peek().Kind == TokenKind.Word && Peek(2).IsSymbol("("))
        {
            // AUTO PARTITION BY RANGE (date_trunc(`col`, 'month')): keep the expression, partition on its column.
            ExpectSymbol("(");
            var expression = Expression();
            ExpectSymbol(")");
            autoFunction = SqlWriter.Write(expression);
            columns = expression is FunctionCall { Arguments: [ColumnReference column, ..] }
                ? new NodeList<string>([column.Name])
                : throw Invalid(Current, "AUTO PARTITION BY RANGE needs a function of a column, e.g. date_trunc(`dt`, 'month')");
        }
        else
        {
            columns = ParenthesizedNames("a partition column");
        }

        ExpectSymbol("(");
        var partitions = new List<PartitionDefinition>();
        if (!AtSymbol(")"))
        {
            do
            {
                partitions.Add(kind == PartitionKind.Range ? RangePartition() : ListPartition());
            }
            while (AcceptSymbol(","));
        }

        ExpectSymbol(")");
        if (!auto && partitions.Count == 0)
        {
            throw Invalid(Current, "PARTITION BY needs at least one partition (or AUTO PARTITION)");
        }

        return new PartitionDescription(kind, columns, new NodeList<PartitionDefinition>(partitions), auto, autoFunction);
    }

    private PartitionDefinition RangePartition()
    {
        ExpectKeyword("PARTITION");
        var ifNotExists = AcceptKeywords("IF", "NOT", "EXISTS");
        var name = ExpectName("a partition name");
        ExpectKeyword("VALUES");
        if (AcceptKeywords("LESS", "THAN"))
        {
            var upper = AcceptKeyword("MAXVALUE") ? new NodeList<PartitionValue>([PartitionValue.MaxValue]) : PartitionTuple();
            return new PartitionDefinition(name, NodeList<PartitionValue>.Empty, upper, NodeList<NodeList<PartitionValue>>.Empty, ifNotExists);
        }

        ExpectSymbol("[");
        var lower = PartitionTuple();
        ExpectSymbol(",");
        var upperBound = PartitionTuple();
        ExpectSymbol(")");
        return new PartitionDefinition(name, lower, upperBound, NodeList<NodeList<PartitionValue>>.Empty, ifNotExists);
    }

    private PartitionDefinition ListPartition()
    {
        ExpectKeyword("PARTITION");
        var ifNotExists = AcceptKeywords("IF", "NOT", "EXISTS");
        var name = ExpectName("a partition name");
        ExpectKeyword("VALUES");
        ExpectKeyword("IN");
        ExpectSymbol("(");
        var values = new List<NodeList<PartitionValue>>();
        do
        {
            values.Add(AtSymbol("(") ? PartitionTuple() : new NodeList<PartitionValue>([PartitionLiteral()]));
        }
        while (AcceptSymbol(","));

        ExpectSymbol(")");
        return new PartitionDefinition(name, NodeList<PartitionValue>.Empty, NodeList<PartitionValue>.Empty,
            new NodeList<NodeList<PartitionValue>>(values), ifNotExists);
    }

    private NodeList<PartitionValue> PartitionTuple()
    {
        ExpectSymbol("(");
        var values = new List<PartitionValue>();
        do
        {
            values.Add(AcceptKeyword("MAXVALUE") ? PartitionValue.MaxValue : PartitionLiteral());
        }
        while (AcceptSymbol(","));

        ExpectSymbol(")");
        return new NodeList<PartitionValue>(values);
    }

    private PartitionValue PartitionLiteral()
    {
        var negative = AcceptSymbol("-");
        return Current.Kind switch
        {
            TokenKind.String when !negative => new PartitionValue(Advance().Text),
            TokenKind.Integer or TokenKind.Decimal => new PartitionValue((negative ? "-" : "") + Advance().Text),
            _ when !negative && AcceptKeyword("NULL") => new PartitionValue(null),
            _ => throw Error("a partition value"),
        };
    }

    private DistributionDescription Distribution()
    {
        ExpectKeyword("BY");
        bool random;
        var columns = NodeList<string>.Empty;
        if (AcceptKeyword("HASH"))
        {
            random = false;
            columns = ParenthesizedNames("a distribution column");
        }
        else if (AcceptKeyword("RANDOM"))
        {
            random = true;
        }
        else
        {
            throw Error("HASH or RANDOM");
        }

        int? buckets = null;
        if (AcceptKeyword("BUCKETS"))
        {
            if (!AcceptKeyword("AUTO"))
            {
                var count = ExpectInteger("a bucket count or AUTO");
                if (count is < 1 or > int.MaxValue)
                {
                    throw Invalid(_tokens[_index - 1], "BUCKETS must be a positive number");
                }

                buckets = (int)count;
            }
        }
        else
        {
            buckets = 10;
        }

        return new DistributionDescription(random, columns, buckets);
    }

    private AlterTableStatement AlterTable()
    {
        var name = QualifiedTableName();
        var operations = new List<AlterTableOperation>();
        do
        {
            if (AcceptKeyword("ADD"))
            {
                ExpectKeyword("COLUMN");
                if (AcceptSymbol("("))
                {
                    do
                    {
                        operations.Add(new AddColumnOperation(ColumnDefinition()));
                    }
                    while (AcceptSymbol(","));

                    ExpectSymbol(")");
                }
                else
                {
                    var column = ColumnDefinition();
                    var first = AcceptKeyword("FIRST");
                    var after = !first && AcceptKeyword("AFTER") ? ExpectName("a column name after AFTER") : null;
                    operations.Add(new AddColumnOperation(column, first, after));
                }

                RollupAndProperties();
            }
            else if (AcceptKeyword("DROP"))
            {
                ExpectKeyword("COLUMN");
                operations.Add(new DropColumnOperation(ExpectName("a column name")));
                RollupAndProperties();
            }
            else
            {
                throw Error("ADD COLUMN or DROP COLUMN");
            }
        }
        while (AcceptSymbol(","));

        return new AlterTableStatement(name, new NodeList<AlterTableOperation>(operations));
    }

    /// <summary>Doris lets ADD/DROP COLUMN name a rollup and properties; rollups do not exist here.</summary>
    private void RollupAndProperties()
    {
        if (AcceptKeyword("TO") || AcceptKeyword("FROM"))
        {
            var rollup = Current;
            throw Invalid(rollup, $"rollup '{ExpectName("a rollup name")}' does not exist; only the base table can be altered");
        }

        if (AcceptKeyword("PROPERTIES"))
        {
            PropertyList();
        }
    }
}
