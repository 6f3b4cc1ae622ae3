using System.Text;
using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Syntax;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Tests.Sql;

/// <summary>
/// No statement or expression can exhaust the stack: nesting and chains past Doris's depth limit, lists
/// past its children limit and over-long text are refused with Doris's messages, and the deepest tree
/// the limits allow passes every walker (binder, compiler, evaluator, writer) on a thread-pool thread.
/// </summary>
public sealed class SqlLimitTests
{
    private static readonly string DepthMessage = $"Exceeded the maximum depth of an expression tree ({SqlLimits.MaxExprDepthLimit}).";

    private static string Nested(string open, string middle, string close, int levels) =>
        new StringBuilder().Insert(0, open, levels).Append(middle).Insert(open.Length * levels + middle.Length, close, levels).ToString();

    private static string Chain(string first, string separator, string item, int count) =>
        new StringBuilder(first).Insert(first.Length, separator + item, count).ToString();

    [Theory]
    [InlineData(5_000)]
    [InlineData(100_000)]
    public void Deeply_parenthesized_statements_are_refused_with_the_depth_message(int levels)
    {
        var error = Assert.Throws<SqlLimitException>(() => SqlParser.ParseStatement("SELECT " + Nested("(", "1", ")", levels)));

        Assert.Equal(DepthMessage, error.Message);
    }

    [Theory]
    [InlineData("1", " + ", "1")]
    [InlineData("a", " OR ", "a")]
    [InlineData("a", " AND ", "b = 1")]
    [InlineData("x", " BETWEEN 1 AND 2", "")]
    [InlineData("s", " LIKE ", "'a'")]
    public void Long_operator_chains_are_refused_by_the_depth_of_the_tree_they_build(string first, string separator, string item)
    {
        var chain = Chain(first, separator, item, 100_000);

        Assert.Equal(DepthMessage, Assert.Throws<SqlLimitException>(() => SqlParser.ParseExpression(chain)).Message);
        Assert.Equal(DepthMessage, Assert.Throws<SqlLimitException>(() => SqlParser.ParseStatement($"SELECT * FROM t WHERE {chain}")).Message);
    }

    [Theory]
    [InlineData("NOT ", "TRUE", "")]
    [InlineData("- ", "x", "")]
    [InlineData("! ", "x", "")]
    [InlineData("~", "x", "")]
    [InlineData("abs(", "1", ")")]
    [InlineData("CASE WHEN TRUE THEN ", "1", " END")]
    [InlineData("CAST(", "1", " AS INT)")]
    [InlineData("(SELECT ", "1", ")")]
    [InlineData("x IN (", "1", ")")]
    public void Every_nesting_construct_is_bounded(string open, string middle, string close)
    {
        var error = Assert.Throws<SqlLimitException>(() => SqlParser.ParseExpression(Nested(open, middle, close, 50_000)));

        Assert.Equal(DepthMessage, error.Message);
    }

    [Theory]
    [InlineData("SELECT * FROM ", "(SELECT * FROM ", "t", ") x", "")]
    [InlineData("SELECT * FROM ", "(", "t", ")", "")]
    [InlineData("CREATE TABLE t (a ", "ARRAY<", "INT", ">", ") DUPLICATE KEY(a) DISTRIBUTED BY HASH(a)")]
    public void Nested_queries_table_groups_and_types_are_bounded(string before, string open, string middle, string close, string after)
    {
        var error = Assert.Throws<SqlLimitException>(() => SqlParser.ParseStatement(before + Nested(open, middle, close, 20_000) + after));

        Assert.Equal(DepthMessage, error.Message);
    }

    [Fact]
    public void Join_and_union_chains_are_bounded()
    {
        Assert.Equal(DepthMessage, Assert.Throws<SqlLimitException>(() =>
            SqlParser.ParseStatement("SELECT * FROM " + Chain("t0", " JOIN ", "t1 USING (k)", 5_000))).Message);
        Assert.Equal(DepthMessage, Assert.Throws<SqlLimitException>(() =>
            SqlParser.ParseStatement(Chain("SELECT 1", " UNION ALL ", "SELECT 1", 5_000))).Message);
    }

    [Fact]
    public void Lists_past_the_children_limit_are_refused_and_at_it_accepted()
    {
        var limit = SqlLimits.Default.ExprChildrenLimit;
        var items = string.Join(", ", Enumerable.Range(0, limit - 1));

        Assert.IsType<InExpression>(SqlParser.ParseExpression($"x IN ({items})"));
        var error = Assert.Throws<SqlLimitException>(() => SqlParser.ParseExpression($"x IN ({items}, 1)"));
        Assert.Equal($"Exceeded the maximum children of an expression tree ({limit}).", error.Message);
        Assert.Throws<SqlLimitException>(() => SqlParser.ParseExpression($"concat({items}, 1, 2)"));
    }

    [Fact]
    public void Each_value_of_an_insert_is_its_own_expression()
    {
        var rows = string.Join(", ", Enumerable.Repeat("(1, 'a', 2.5)", 20_000));

        var insert = Assert.IsType<InsertStatement>(SqlParser.ParseStatement($"INSERT INTO t VALUES {rows}"));

        Assert.Equal(20_000, insert.Rows.Count);
    }

    [Fact]
    public void Configured_limits_apply_and_statements_over_the_length_limit_are_refused()
    {
        var limits = new SqlLimits(ExprDepthLimit: 10, ExprChildrenLimit: 3, MaxStatementLength: 40);

        Assert.NotNull(SqlParser.ParseExpression("-(-(-(-(-(-(-(-(-x))))))))", limits));
        Assert.Equal("Exceeded the maximum depth of an expression tree (10).",
            Assert.Throws<SqlLimitException>(() => SqlParser.ParseExpression("-(-(-(-(-(-(-(-(-(-x)))))))))", limits)).Message);
        Assert.Equal("Exceeded the maximum children of an expression tree (3).",
            Assert.Throws<SqlLimitException>(() => SqlParser.ParseExpression("x IN (1, 2, 3)", limits)).Message);
        var error = Assert.Throws<SqlLimitException>(() => SqlParser.ParseStatement("SELECT '" + new string('x', 40) + "'", limits));
        Assert.StartsWith("The statement is 49 characters long, more than the limit of 40", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_deepest_tree_the_limits_allow_passes_every_walker_on_a_thread_pool_thread()
    {
        // Depth 1000: 999 additions. The writer parenthesizes every operand; its text parses back to the same tree.
        var text = Chain("1", " + ", "1", SqlLimits.MaxExprDepthLimit - 1);

        var (value, printed, reparsed) = await Task.Run(() =>
        {
            var expression = SqlParser.ParseExpression(text);
            var bound = new ExpressionBinder(EmptyScope.Values).Bind(expression);
            var result = ExpressionCompiler.Compile(bound)([], new EvaluationContext(TimeZoneInfo.Utc, DateTime.UnixEpoch));
            var written = SqlWriter.Write(expression);
            return (result, written, SqlParser.ParseExpression(written));
        }, TestContext.Current.CancellationToken);

        Assert.Equal(SqlValue.FromInteger(SqlLimits.MaxExprDepthLimit), value);
        Assert.Equal(SqlParser.ParseExpression(text), reparsed);
        Assert.StartsWith(new string('(', 900), printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Binding_that_repeats_operands_is_bounded_by_its_work()
    {
        // Each BETWEEN compares its operand twice; forty nested ones would bind 2^40 nodes.
        var chain = Chain("1", " BETWEEN 1 AND 2", "", 40);

        var error = Assert.Throws<SqlLimitException>(() => new ExpressionBinder(EmptyScope.Values).Bind(SqlParser.ParseExpression(chain)));

        Assert.Contains("too complex", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parenthesized_derived_tables_are_told_apart_without_parsing_twice()
    {
        // Each level used to be parsed as a query first and again as a table group: 2^levels work.
        var grouped = SqlParser.ParseStatement("SELECT * FROM " + Nested("(", "(SELECT 1) x JOIN y USING (k)", ")", 60));
        var derived = SqlParser.ParseStatement("SELECT * FROM ((SELECT 1) UNION (SELECT 2)) u");
        var doubled = SqlParser.ParseStatement("SELECT * FROM ((SELECT 1)) d");
        var table = SqlParser.ParseStatement("SELECT * FROM ((t))");

        Assert.Contains("JOIN `y` USING (`k`)", SqlWriter.Write(grouped), StringComparison.Ordinal);
        Assert.Contains("UNION", SqlWriter.Write(derived), StringComparison.Ordinal);
        Assert.EndsWith("FROM (SELECT 1) `d`", SqlWriter.Write(doubled), StringComparison.Ordinal);
        Assert.EndsWith("FROM `t`", SqlWriter.Write(table), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT /*+ SET_VAR(query_timeout = 5) */ 1", "query_timeout=5")]
    [InlineData("SELECT /*+ SET_VAR(query_timeout=5, insert_timeout = '60') LEADING(t1 t2) */ 1", "query_timeout=5,insert_timeout=60")]
    [InlineData("INSERT /*+ SET_VAR(insert_timeout = 30) */ INTO t SELECT 1", "insert_timeout=30")]
    [InlineData("SELECT * FROM (SELECT /*+ SET_VAR(max_scan_rows = -1) */ 1) x", "max_scan_rows=-1")]
    [InlineData("SELECT /* SET_VAR(query_timeout = 5) */ 1", "")]
    [InlineData("SELECT 1 /*+ SET_VAR(query_timeout = 5) */", "")]
    public void Set_var_hints_after_select_or_insert_set_statement_variables(string sql, string variables)
    {
        var statement = SqlParser.ParseStatement(sql);

        Assert.Equal(variables, string.Join(',', statement.Variables.Select(v => $"{v.Key}={v.Value}")));
    }

    [Theory]
    [InlineData("SELECT /*+ SET_VAR(query_timeout) */ 1")]
    [InlineData("SELECT /*+ SET_VAR(query_timeout = 5 */ 1")]
    [InlineData("SELECT /*+ SET_VAR(query_timeout = 5) 1")]
    public void Malformed_set_var_hints_are_syntax_errors(string sql) =>
        Assert.Throws<SqlSyntaxException>(() => SqlParser.ParseStatement(sql));

    [Fact]
    public void Set_statements_name_their_scope_and_values()
    {
        var set = Assert.IsType<SetVariablesStatement>(SqlParser.ParseStatement("SET GLOBAL query_timeout = 60, SESSION insert_timeout := DEFAULT, max_scan_rows = -1"));

        Assert.Equal(
            [new VariableAssignment(VariableScope.Global, "query_timeout", "60"), new VariableAssignment(VariableScope.Session, "insert_timeout", null),
             new VariableAssignment(VariableScope.Session, "max_scan_rows", "-1")],
            set.Assignments);
    }

    [Fact]
    public void Shift_right_is_two_adjacent_angles_and_nested_array_types_close_twice()
    {
        Assert.Equal("`a` >> 2", SqlWriter.Write(SqlParser.ParseExpression("a >> 2")));
        Assert.Throws<SqlSyntaxException>(() => SqlParser.ParseExpression("a > > 2"));
        Assert.Equal("CAST(`a` AS array<array<int>>)", SqlWriter.Write(SqlParser.ParseExpression("CAST(a AS ARRAY<ARRAY<INT>>)")));
    }

    [Fact]
    public void The_smallest_largeint_negated_again_is_not_folded_into_a_wrong_literal()
    {
        var expression = SqlParser.ParseExpression("- -170141183460469231731687303715884105728");

        Assert.IsType<UnaryExpression>(expression);
    }

    [Theory]
    [InlineData("length(repeat('ab', 9000000))")]
    [InlineData("length(lpad('a', 20000000, 'b'))")]
    [InlineData("length(replace(repeat('a', 1000), 'a', repeat('b', 100000)))")]
    [InlineData("length(concat(repeat('x', 9000000), repeat('y', 9000000)))")]
    public void A_function_result_longer_than_16_mi_characters_is_null(string expression)
    {
        var bound = new ExpressionBinder(EmptyScope.Values).Bind(SqlParser.ParseExpression(expression));

        Assert.True(ExpressionCompiler.Compile(bound)([], new EvaluationContext(TimeZoneInfo.Utc, DateTime.UnixEpoch)).IsNull);
    }

    [Fact]
    public void Text_built_by_one_evaluation_is_bounded_as_a_whole()
    {
        // Five results of 15 Mi characters each fit one by one, not together: the evaluation stops before the memory goes.
        var parts = string.Join(", ", Enumerable.Repeat("repeat('x', 15000000)", 5));
        var compiled = ExpressionCompiler.Compile(new ExpressionBinder(EmptyScope.Values).Bind(SqlParser.ParseExpression($"length(concat({parts}))")));

        var error = Assert.Throws<SqlLimitException>(() => compiled([], new EvaluationContext(TimeZoneInfo.Utc, DateTime.UnixEpoch)));

        Assert.Contains("characters of text for one value", error.Message, StringComparison.Ordinal);
        Assert.Equal(SqlValue.FromInteger(15_000_000), ExpressionCompiler.Compile(new ExpressionBinder(EmptyScope.Values)
            .Bind(SqlParser.ParseExpression("length(repeat('x', 15000000))")))([], new EvaluationContext(TimeZoneInfo.Utc, DateTime.UnixEpoch)));
    }
}
