using ContinuousLoad.Sql.Syntax.Definitions;

namespace ContinuousLoad.Sql.Syntax.Statements;

public sealed record CreateTableStatement(
    QualifiedName Name,
    bool IfNotExists,
    NodeList<ColumnDefinition> Columns,
    NodeList<IndexDefinition> Indexes,
    string? Engine,
    KeyDescription? Keys,
    string? Comment,
    PartitionDescription? Partition,
    DistributionDescription? Distribution,
    NodeList<Property> Properties) : Statement;
