using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Statements;

namespace ContinuousLoad.Sql.Syntax;

public sealed partial class SqlParser
{
    private Statement Statement()
    {
        if (AtKeyword("SELECT") || AtKeyword("WITH") || AtSymbol("("))
        {
            return new SelectStatement(Query());
        }

        if (AcceptKeyword("CREATE"))
        {
            if (AcceptKeyword("DATABASE") || AcceptKeyword("SCHEMA"))
            {
                var ifNotExists = AcceptKeywords("IF", "NOT", "EXISTS");
                var name = ExpectName("a database name");
                var properties = AcceptKeyword("PROPERTIES") ? PropertyList() : NodeList<Property>.Empty;
                return new CreateDatabaseStatement(name, ifNotExists, properties);
            }

            if (AcceptKeyword("JOB"))
            {
                return CreateJob();
            }

            AcceptKeyword("EXTERNAL");
            if (AcceptKeyword("TABLE"))
            {
                return CreateTable();
            }

            throw Error("DATABASE, TABLE or JOB after CREATE");
        }

        if (AcceptKeyword("DROP"))
        {
            if (AcceptKeyword("DATABASE") || AcceptKeyword("SCHEMA"))
            {
                var ifExists = AcceptKeywords("IF", "EXISTS");
                var name = ExpectName("a database name");
                return new DropDatabaseStatement(name, ifExists, AcceptKeyword("FORCE"));
            }

            if (AcceptKeyword("TABLE"))
            {
                var ifExists = AcceptKeywords("IF", "EXISTS");
                var name = QualifiedTableName();
                return new DropTableStatement(name, ifExists, AcceptKeyword("FORCE"));
            }

            if (AcceptKeyword("JOB"))
            {
                var ifExists = AcceptKeywords("IF", "EXISTS");
                return new DropJobStatement(JobNameFilter(), ifExists);
            }

            throw Error("DATABASE, TABLE or JOB after DROP");
        }

        if (AcceptKeyword("SHOW"))
        {
            return Show();
        }

        if (AcceptKeyword("DESC") || AcceptKeyword("DESCRIBE"))
        {
            var name = QualifiedTableName();
            return new DescribeStatement(name, AcceptKeyword("ALL"));
        }

        if (AcceptKeyword("TRUNCATE"))
        {
            AcceptKeyword("TABLE");
            var name = QualifiedTableName();
            var partitions = AcceptKeyword("PARTITION") || AcceptKeyword("PARTITIONS")
                ? ParenthesizedNames("a partition name")
                : NodeList<string>.Empty;
            return new TruncateTableStatement(name, partitions);
        }

        if (AcceptKeyword("ALTER"))
        {
            if (AcceptKeyword("JOB"))
            {
                return AlterJob();
            }

            if (AcceptKeyword("TABLE"))
            {
                return AlterTable();
            }

            throw Error("TABLE or JOB after ALTER");
        }

        if (AcceptKeyword("PAUSE"))
        {
            ExpectKeyword("JOB");
            return new PauseJobStatement(JobNameFilter());
        }

        if (AcceptKeyword("RESUME"))
        {
            ExpectKeyword("JOB");
            return new ResumeJobStatement(JobNameFilter());
        }

        if (AcceptKeyword("INSERT"))
        {
            return Insert();
        }

        if (AcceptKeyword("SET"))
        {
            return SetVariables();
        }

        if (AcceptKeyword("USE"))
        {
            return new UseStatement(ExpectName("a database name"));
        }

        throw Error("a statement (SELECT, INSERT, CREATE, DROP, ALTER, PAUSE, RESUME, SET, SHOW, DESC, TRUNCATE, USE)");
    }

    private Statement Show()
    {
        if (AcceptKeyword("DATABASES") || AcceptKeyword("SCHEMAS"))
        {
            return new ShowDatabasesStatement(AcceptKeyword("LIKE") ? ExpectString("a LIKE pattern") : null);
        }

        var full = AcceptKeyword("FULL");
        if (AcceptKeyword("TABLES"))
        {
            string? database = null;
            if (AcceptKeyword("FROM") || AcceptKeyword("IN"))
            {
                database = ExpectName("a database name");
            }

            return new ShowTablesStatement(database, AcceptKeyword("LIKE") ? ExpectString("a LIKE pattern") : null, full);
        }

        if (!full && AcceptKeywords("CREATE", "TABLE"))
        {
            return new ShowCreateTableStatement(QualifiedTableName());
        }

        var scope = !full && AcceptKeyword("GLOBAL") ? VariableScope.Global : VariableScope.Session;
        if (!full && scope == VariableScope.Session && !AcceptKeyword("SESSION"))
        {
            AcceptKeyword("LOCAL");
        }

        if (!full && AcceptKeyword("VARIABLES"))
        {
            return new ShowVariablesStatement(scope, AcceptKeyword("LIKE") ? ExpectString("a LIKE pattern") : null);
        }

        throw Error("DATABASES, TABLES, VARIABLES or CREATE TABLE after SHOW");
    }

    private InsertStatement Insert()
    {
        Hints();
        ExpectKeyword("INTO");
        var table = QualifiedTableName();
        var partitions = NodeList<string>.Empty;
        if (AcceptKeyword("PARTITION") || AcceptKeyword("PARTITIONS"))
        {
            partitions = ParenthesizedNames("a partition name");
        }

        string? label = null;
        if (AcceptKeyword("WITH"))
        {
            ExpectKeyword("LABEL");
            label = ExpectNameOrString("a label");
        }

        var columns = NodeList<string>.Empty;
        if (AtSymbol("(") && !(Peek().IsKeyword("SELECT") || Peek().IsKeyword("WITH")))
        {
            columns = ParenthesizedNames("a column name");
        }

        if (AcceptKeyword("VALUES") || AcceptKeyword("VALUE"))
        {
            var rows = new List<NodeList<Expression>>();
            do
            {
                ExpectSymbol("(");
                var values = new List<Expression>();
                if (!AtSymbol(")"))
                {
                    do
                    {
                        values.Add(AcceptKeyword("DEFAULT") ? DefaultExpression.Instance : Expression());
                    }
                    while (AcceptSymbol(","));
                }

                ExpectSymbol(")");
                rows.Add(new NodeList<Expression>(values));
            }
            while (AcceptSymbol(","));

            return new InsertStatement(table, label, columns, partitions, new NodeList<NodeList<Expression>>(rows), null);
        }

        if (AtKeyword("SELECT") || AtKeyword("WITH") || AtSymbol("("))
        {
            return new InsertStatement(table, label, columns, partitions, NodeList<NodeList<Expression>>.Empty, Query());
        }

        throw Error("VALUES or SELECT");
    }
}
