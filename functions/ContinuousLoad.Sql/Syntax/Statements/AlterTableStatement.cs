namespace ContinuousLoad.Sql.Syntax.Statements;

public sealed record AlterTableStatement(QualifiedName Name, NodeList<AlterTableOperation> Operations) : Statement;
