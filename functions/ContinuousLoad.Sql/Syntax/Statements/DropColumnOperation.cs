namespace ContinuousLoad.Sql.Syntax.Statements;

public sealed record DropColumnOperation(string Column) : AlterTableOperation;
