using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Limits;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Queries;
using Npgsql;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>
/// Runs a bound query in a read-only PostgreSQL transaction whose statement timeout is what is left of
/// the query's budget, so the server itself stops the work. A scan limit is checked before the query
/// runs, against the planner's estimate (PostgreSQL counts no rows while a statement runs).
/// </summary>
internal static class PostgresQueryRunner
{
    private const string QueryCanceled = "57014";

    public static async Task<QueryResult> RunAsync(NpgsqlDataSource dataSource, BoundQuery query, EvaluationContext context, QueryBudget budget,
        CancellationToken cancellationToken)
    {
        var emitter = new PostgresQueryEmitter(context);
        var sql = emitter.EmitTop(query);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var timeout = Math.Max(1, (long)Math.Min(budget.Remaining.TotalMilliseconds, int.MaxValue));
            await using (var setup = new NpgsqlCommand(
                $"SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = {timeout}; SET LOCAL TimeZone = 'UTC'", connection))
            {
                await setup.ExecuteNonQueryAsync(cancellationToken);
            }

            if (budget.MaxScanRows > 0)
            {
                await CheckEstimateAsync(connection, sql, emitter.Parameters, budget, cancellationToken);
            }

            var command = Command(connection, sql, emitter.Parameters);
            return new QueryResult(query.Output, Rows(command, query, budget, cancellationToken), new Closer(command, transaction, connection));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, IReadOnlyList<object> parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }

    /// <summary>Refuses the query when the rows its plan's nodes are estimated to produce pass <c>max_scan_rows</c> (MySQL's <c>max_join_size</c> works the same way).</summary>
    private static async Task CheckEstimateAsync(NpgsqlConnection connection, string sql, IReadOnlyList<object> parameters, QueryBudget budget,
        CancellationToken cancellationToken)
    {
        await using var explain = Command(connection, "EXPLAIN (FORMAT JSON) " + sql, parameters);
        var plan = (string?)await explain.ExecuteScalarAsync(cancellationToken) ?? "[]";
        var estimate = PlannedRows(plan);
        if (estimate > budget.MaxScanRows)
        {
            throw SqlLimitException.ScannedTooMany(budget.MaxScanRows, (long)Math.Min(estimate, long.MaxValue));
        }
    }

    /// <summary>The sum of "Plan Rows" over every node, read without recursion however deep the plan nests.</summary>
    internal static double PlannedRows(string plan)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(plan), new JsonReaderOptions { MaxDepth = int.MaxValue });
        double rows = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("Plan Rows") && reader.Read()
                && reader.TokenType == JsonTokenType.Number)
            {
                rows += reader.GetDouble();
            }
        }

        return rows;
    }

    private static async IAsyncEnumerable<SqlValue[]> Rows(NpgsqlCommand command, BoundQuery query, QueryBudget budget,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = await Step(() => command.ExecuteReaderAsync(cancellationToken), budget, cancellationToken);
        var output = query.Output;
        while (await Step(() => reader.ReadAsync(cancellationToken), budget, cancellationToken))
        {
            var row = new SqlValue[output.Length];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = PostgresStoredForm.Read(reader, i, output[i].Type);
            }

            yield return row;
        }
    }

    /// <summary>Runs a step of the query; the server's statement timeout comes out as Doris's timeout message.</summary>
    private static async Task<T> Step<T>(Func<Task<T>> step, QueryBudget budget, CancellationToken cancellationToken)
    {
        try
        {
            return await step();
        }
        catch (PostgresException e) when (e.SqlState == QueryCanceled && !cancellationToken.IsCancellationRequested)
        {
            throw SqlLimitException.TimedOut(budget.TimeoutSeconds);
        }
    }

    private sealed class Closer(NpgsqlCommand command, NpgsqlTransaction transaction, NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await command.DisposeAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
