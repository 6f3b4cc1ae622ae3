using System.Runtime.CompilerServices;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Queries;
using Npgsql;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>Runs a bound query in a read-only PostgreSQL transaction with a statement timeout.</summary>
internal static class PostgresQueryRunner
{
    public static readonly TimeSpan StatementTimeout = TimeSpan.FromMinutes(5);

    public static async Task<QueryResult> RunAsync(NpgsqlDataSource dataSource, BoundQuery query, EvaluationContext context, CancellationToken cancellationToken)
    {
        var emitter = new PostgresQueryEmitter(context);
        var sql = emitter.EmitTop(query);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var setup = new NpgsqlCommand(
                $"SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = {(long)StatementTimeout.TotalMilliseconds}; SET LOCAL TimeZone = 'UTC'", connection))
            {
                await setup.ExecuteNonQueryAsync(cancellationToken);
            }

            var command = new NpgsqlCommand(sql, connection);
            foreach (var parameter in emitter.Parameters)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = parameter });
            }

            return new QueryResult(query.Output, Rows(command, query, cancellationToken), new Closer(command, transaction, connection));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async IAsyncEnumerable<SqlValue[]> Rows(NpgsqlCommand command, BoundQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var output = query.Output;
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new SqlValue[output.Length];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = PostgresStoredForm.Read(reader, i, output[i].Type);
            }

            yield return row;
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
