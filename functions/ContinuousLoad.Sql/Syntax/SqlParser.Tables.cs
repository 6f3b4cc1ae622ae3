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
