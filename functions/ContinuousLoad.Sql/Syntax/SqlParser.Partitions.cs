using ContinuousLoad.Sql.Syntax.Definitions;
using ContinuousLoad.Sql.Syntax.Expressions;

namespace ContinuousLoad.Sql.Syntax;

/// <summary>PARTITION BY RANGE/LIST (also AUTO) and DISTRIBUTED BY clauses of CREATE TABLE.</summary>
public sealed partial class SqlParser
{
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
}
