using ContinuousLoad.Sql;
using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Testing.Fuzzing;

namespace ContinuousLoad.Tests.Fuzzing;

/// <summary>
/// The SQL front end under generated and damaged input (fixed seeds): parsing ends in a statement or a
/// syntax/limit error; a statement the writer prints parses back to the same tree; an expression binds,
/// compiles and evaluates to a value or fails with a semantic or limit error — never anything else.
/// </summary>
public sealed class SqlFuzzTests
{
    private static readonly int[] Seeds = [20261207, 7, 1999, 31337, 424242];
    private static readonly EvaluationContext Context = new(TimeZoneInfo.Utc, new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc));

    private static bool IsClear(Exception e) => e is SqlSyntaxException or SqlSemanticException or SqlLimitException;

    [Fact]
    public void Generated_statements_parse_and_print_back_to_the_same_tree()
    {
        var run = new FuzzRun<string>("generated statements", random => new SqlGenerator(random).Statement(), FuzzRun<string>.Abbreviate);

        var parsed = run.Run(Seeds, 2_000, ParseAndPrint, IsClear);

        Assert.True(parsed > 5_000, $"only {parsed} of 10000 generated statements parsed");
    }

    [Fact]
    public void Damaged_statements_parse_or_fail_with_a_syntax_or_limit_error()
    {
        var run = new FuzzRun<string>("damaged statements", random => Mutations.Damage(new SqlGenerator(random).Statement(), random), FuzzRun<string>.Abbreviate);

        run.Run(Seeds, 2_000, ParseAndPrint, IsClear);
    }

    [Fact]
    public void Generated_expressions_evaluate_or_fail_with_a_semantic_or_limit_error()
    {
        var run = new FuzzRun<string>("generated expressions", random => new SqlGenerator(random).Expression(5), FuzzRun<string>.Abbreviate)
        {
            AllocationBound = _ => 64L * 1024 * 1024,
        };

        var evaluated = run.Run(Seeds, 2_000, Evaluate, IsClear);

        Assert.True(evaluated > 2_000, $"only {evaluated} of 10000 generated expressions evaluated");
    }

    [Fact]
    public void Damaged_expressions_evaluate_or_fail_clearly() =>
        new FuzzRun<string>("damaged expressions", random => Mutations.Damage(new SqlGenerator(random).Expression(4), random), FuzzRun<string>.Abbreviate)
        {
            AllocationBound = _ => 64L * 1024 * 1024,
        }.Run(Seeds, 2_000, Evaluate, IsClear);

    private static void ParseAndPrint(string sql)
    {
        var statement = SqlParser.ParseStatement(sql);
        if (statement is SelectStatement or InsertStatement or CreateJobStatement or AlterJobStatement)
        {
            var printed = SqlWriter.Write(statement);
            var again = SqlParser.ParseStatement(printed, SqlLimits.Trusted);
            Assert.True(again == statement with { Variables = again.Variables }, $"printed as {printed}, which parses to another tree");
        }
    }

    private static void Evaluate(string text)
    {
        var expression = SqlParser.ParseExpression(text);
        var bound = new ExpressionBinder(FuzzScope.Instance).Bind(expression);
        _ = ExpressionCompiler.Compile(bound)(FuzzScope.Row, Context);
    }
}
