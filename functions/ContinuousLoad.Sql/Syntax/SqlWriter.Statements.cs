using System.Text;
using ContinuousLoad.Sql.Syntax.Statements;

namespace ContinuousLoad.Sql.Syntax;

/// <summary>
/// Statements shown back to users: a streaming job's INSERT (its ExecuteSql) and the job statements themselves.
/// Properties print as <c>"key" = "value"</c>, the way Doris's own documentation writes them.
/// </summary>
public static partial class SqlWriter
{
    /// <exception cref="InvalidOperationException">The statement is of a kind the writer does not print.</exception>
    public static string Write(Statement statement) => Append(new StringBuilder(), statement).ToString();

    private static StringBuilder Append(StringBuilder text, Statement statement)
    {
        switch (statement)
        {
            case SelectStatement select:
                return Append(text, select.Query);
            case InsertStatement insert:
                return AppendInsert(text, insert);
            case CreateJobStatement create:
                text.Append("CREATE JOB ").Append(Quote(create.Name)).Append(" ON STREAMING");
                if (!create.Properties.IsEmpty)
                {
                    AppendProperties(text.Append(" PROPERTIES "), create.Properties);
                }

                if (create.Comment is not null)
                {
                    text.Append(" COMMENT ").Append(QuoteString(create.Comment));
                }

                return create.Insert is not null
                    ? AppendInsert(text.Append(" DO "), create.Insert)
                    : AppendSync(text, create.Sync ?? throw new InvalidOperationException("a CREATE JOB needs an INSERT or a database sync"));
            case AlterJobStatement alter:
                text.Append("ALTER JOB ").Append(Quote(alter.Name));

                // A bare "ALTER JOB n" does not parse, so an alteration without a body keeps its (maybe empty) PROPERTIES.
                if (!alter.Properties.IsEmpty || (alter.Insert is null && alter.Sync is null))
                {
                    AppendProperties(text.Append(" PROPERTIES "), alter.Properties);
                }

                if (alter.Insert is not null)
                {
                    return AppendInsert(text.Append(' '), alter.Insert);
                }

                return alter.Sync is null ? text : AppendSync(text, alter.Sync);
            case PauseJobStatement pause:
                return AppendJobNameFilter(text.Append("PAUSE JOB"), pause.JobName);
            case ResumeJobStatement resume:
                return AppendJobNameFilter(text.Append("RESUME JOB"), resume.JobName);
            case DropJobStatement drop:
                return AppendJobNameFilter(text.Append(drop.IfExists ? "DROP JOB IF EXISTS" : "DROP JOB"), drop.JobName);
            default:
                throw new InvalidOperationException($"cannot print {statement.GetType().Name}");
        }
    }

    private static StringBuilder AppendInsert(StringBuilder text, InsertStatement insert)
    {
        text.Append("INSERT INTO ").Append(insert.Table);
        if (!insert.Partitions.IsEmpty)
        {
            text.Append(" PARTITION (").AppendJoin(", ", insert.Partitions.Select(Quote)).Append(')');
        }

        if (insert.Label is not null)
        {
            text.Append(" WITH LABEL ").Append(Quote(insert.Label));
        }

        if (!insert.Columns.IsEmpty)
        {
            text.Append(" (").AppendJoin(", ", insert.Columns.Select(Quote)).Append(')');
        }

        if (insert.Query is not null)
        {
            return Append(text.Append(' '), insert.Query);
        }

        text.Append(" VALUES ");
        for (var i = 0; i < insert.Rows.Count; i++)
        {
            AppendList(text.Append(i > 0 ? ", (" : "("), insert.Rows[i]).Append(')');
        }

        return text;
    }

    /// <summary>A database-level job's body as <see cref="SqlParser.ParseDatabaseSync"/> reads it back: <c>FROM MYSQL (...) TO DATABASE `db` (...)</c>.</summary>
    public static string Write(DatabaseSyncSource sync) => AppendSync(new StringBuilder(), sync).ToString().TrimStart();

    private static StringBuilder AppendSync(StringBuilder text, DatabaseSyncSource sync)
    {
        AppendProperties(text.Append(" FROM ").Append(PlainName(sync.SourceKind)).Append(' '), sync.SourceProperties);
        text.Append(" TO DATABASE ").Append(Quote(sync.TargetDatabase));
        return sync.TargetProperties.IsEmpty ? text : AppendProperties(text.Append(' '), sync.TargetProperties);
    }

    private static StringBuilder AppendJobNameFilter(StringBuilder text, string jobName) =>
        text.Append(" WHERE jobName = ").Append(QuoteString(jobName));

    /// <summary><c>("key" = "value", ...)</c>, for PROPERTIES and table function arguments.</summary>
    private static StringBuilder AppendProperties(StringBuilder text, NodeList<Property> properties) =>
        text.Append('(').AppendJoin(", ", properties.Select(p => $"{Quoted(p.Key, '"')} = {Quoted(p.Value, '"')}")).Append(')');

    /// <summary>A function or source name as written (<c>S3</c>, <c>MYSQL</c>) when it reads back as itself, else backquoted.</summary>
    private static string PlainName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$') && !SqlParser.IsReserved(name)
            ? name
            : Quote(name);
}
