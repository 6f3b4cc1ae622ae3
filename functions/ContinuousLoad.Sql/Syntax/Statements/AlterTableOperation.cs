namespace ContinuousLoad.Sql.Syntax.Statements;

public abstract record AlterTableOperation;
