using ContinuousLoad.Sql.Syntax.Definitions;

namespace ContinuousLoad.Sql.Syntax.Statements;

/// <summary><c>ADD COLUMN c type ... [FIRST | AFTER other]</c>; several columns in <c>ADD COLUMN (a ..., b ...)</c>.</summary>
public sealed record AddColumnOperation(ColumnDefinition Column, bool First = false, string? After = null) : AlterTableOperation;
