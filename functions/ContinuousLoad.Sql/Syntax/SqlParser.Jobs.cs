using ContinuousLoad.Sql.Syntax.Statements;

namespace ContinuousLoad.Sql.Syntax;

/// <summary>
/// Doris streaming-job statements: CREATE, ALTER, PAUSE, RESUME and DROP JOB
/// (https://doris.apache.org/docs/sql-manual/sql-statements/job/CREATE-STREAMING-JOB). JOB, STREAMING, PAUSE and
/// RESUME are keywords only in these positions, so they stay usable as names everywhere else.
/// </summary>
public sealed partial class SqlParser
{
    private const string JobNameFilterSyntax = "WHERE jobName = '<name>'";

    /// <summary>After <c>CREATE JOB</c>.</summary>
    private CreateJobStatement CreateJob()
    {
        var name = JobName();

        // Properties are taken on either side of ON STREAMING, but only once: a job has one property set.
        var propertiesBefore = AcceptKeyword("PROPERTIES");
        var properties = propertiesBefore ? PropertyList() : NodeList<Property>.Empty;
        ExpectKeyword("ON");
        if (!AcceptKeyword("STREAMING"))
        {
            throw Error("STREAMING after ON (only streaming jobs are supported)");
        }

        if (AtKeyword("PROPERTIES"))
        {
            if (propertiesBefore)
            {
                throw Invalid(Current, "PROPERTIES given twice; give the job properties either before or after ON STREAMING, not both");
            }

            Advance();
            properties = PropertyList();
        }

        var comment = AcceptKeyword("COMMENT") ? ExpectString("a comment string") : null;
        if (AcceptKeyword("DO"))
        {
            return new CreateJobStatement(name, properties, comment, StreamingInsert(), null);
        }

        if (AcceptKeyword("FROM"))
        {
            return new CreateJobStatement(name, properties, comment, null, DatabaseSync());
        }

        throw Error("DO INSERT INTO ... or FROM <source> (...) TO DATABASE <db> after ON STREAMING");
    }

    /// <summary>After <c>ALTER JOB</c>: new properties, a new body, or both.</summary>
    private AlterJobStatement AlterJob()
    {
        var name = JobName();
        var hasProperties = AcceptKeyword("PROPERTIES");
        var properties = hasProperties ? PropertyList() : NodeList<Property>.Empty;
        if (AcceptKeyword("DO") || AtKeyword("INSERT"))
        {
            return new AlterJobStatement(name, properties, StreamingInsert(), null);
        }

        if (AcceptKeyword("FROM"))
        {
            return new AlterJobStatement(name, properties, null, DatabaseSync());
        }

        // Nothing to change parses: the statement answers with Doris's "No properties or sql changed in ALTER JOB".
        return new AlterJobStatement(name, properties, null, null);
    }

    /// <summary>A job name, by the same rule as a table name.</summary>
    private string JobName()
    {
        // "ALTER JOB PROPERTIES (...)" has lost its name; a job may still be called PROPERTIES when no list follows.
        if (AtKeyword("PROPERTIES") && Peek().IsSymbol("("))
        {
            throw Error("a job name");
        }

        return ExpectName("a job name");
    }

    /// <summary>
    /// <c>INSERT INTO ... SELECT ...</c>: a streaming job re-runs its SELECT over new data, so a VALUES list
    /// (a one-off row set) has no meaning here.
    /// </summary>
    private InsertStatement StreamingInsert()
    {
        var start = Current;
        ExpectKeyword("INSERT");
        var insert = Insert();
        return insert.Query is not null
            ? insert
            : throw Invalid(start, "a streaming job inserts from a SELECT over a table function such as S3(...) or cdc_stream(...), not from VALUES");
    }

    /// <summary>After <c>FROM</c>: <c>MYSQL ("k" = "v", ...) TO DATABASE db [[PROPERTIES] ("k" = "v", ...)]</c>.</summary>
    private DatabaseSyncSource DatabaseSync()
    {
        var kind = ExpectName("a source type such as MYSQL or POSTGRES").ToUpperInvariant();
        var sourceProperties = PropertyList();
        ExpectKeyword("TO");
        ExpectKeyword("DATABASE");
        var database = ExpectName("a database name");

        // Doris's syntax summary shows PROPERTIES before the target list while its examples leave it out; take both.
        var targetProperties = AcceptKeyword("PROPERTIES") || AtSymbol("(") ? PropertyList() : NodeList<Property>.Empty;
        return new DatabaseSyncSource(kind, sourceProperties, database, targetProperties);
    }

    /// <summary>
    /// <c>WHERE jobName = 'name'</c>, the only filter Doris takes in PAUSE, RESUME and DROP JOB; the key is
    /// case-insensitive and may be backquoted.
    /// </summary>
    private string JobNameFilter()
    {
        if (!AcceptKeyword("WHERE") || !AcceptJobNameKey() || !AcceptSymbol("=") || Current.Kind != TokenKind.String)
        {
            throw Error(JobNameFilterSyntax);
        }

        var name = Advance().Text;
        if (Current.Kind != TokenKind.EndOfInput && !AtSymbol(";"))
        {
            throw Error($"the end of the statement after {JobNameFilterSyntax}");
        }

        return name;
    }

    private bool AcceptJobNameKey()
    {
        if (Current.Kind is not (TokenKind.Word or TokenKind.QuotedName) || !Current.Text.Equals("jobName", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        _index++;
        return true;
    }
}
