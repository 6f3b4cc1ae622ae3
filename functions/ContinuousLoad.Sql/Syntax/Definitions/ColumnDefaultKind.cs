namespace ContinuousLoad.Sql.Syntax.Definitions;

public enum ColumnDefaultKind
{
    Null,
    Literal,
    CurrentTimestamp,
    CurrentDate,
}
