namespace ContinuousLoad.Tables.Statements;

/// <summary>What a statement answers: rows (<see cref="RowsResult"/>) or an execution status (<see cref="ExecResult"/>).</summary>
public abstract record StatementResult;
