namespace ContinuousLoad.Sql.Syntax.Definitions;

/// <summary><c>INDEX name (columns) [USING INVERTED|NGRAM_BF|BITMAP] [PROPERTIES(...)] [COMMENT '...']</c>: recorded and shown back.</summary>
public sealed record IndexDefinition(string Name, NodeList<string> Columns, string? Using, NodeList<Property> Properties, string? Comment);
