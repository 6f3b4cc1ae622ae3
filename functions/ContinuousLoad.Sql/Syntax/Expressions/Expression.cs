namespace ContinuousLoad.Sql.Syntax.Expressions;

/// <summary>A scalar expression as written; <see cref="ContinuousLoad.Sql.Syntax.SqlWriter"/> prints it back.</summary>
public abstract record Expression
{
    public sealed override string ToString() => SqlWriter.Write(this);
}
