using System.Runtime.CompilerServices;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Queries;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>
/// Runs a bound query on its own connection: an in-memory main database with every database the
/// query reads attached by name, and <c>query_only</c> on, so nothing can be written.
/// </summary>
internal static class SqliteQueryRunner
{
    public static QueryResult Run(BoundQuery query, Func<string, string> fileOf, EvaluationContext context, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection("Data Source=:memory:;Pooling=False");
        try
        {
            connection.Open();
            SqliteConnections.ConfigureReader(connection);
            foreach (var database in Databases(query).Distinct(StringComparer.Ordinal))
            {
                using var attach = connection.CreateCommand();
                attach.CommandText = $"ATTACH DATABASE $file AS {SqliteNames.Quote(database)}";
                attach.Parameters.AddWithValue("$file", fileOf(database));
                attach.ExecuteNonQuery();
            }

            SqliteConnections.Execute(connection, "PRAGMA query_only = 1");
            var emitter = new SqliteQueryEmitter(connection, context);
            var command = connection.CreateCommand();
            command.CommandText = emitter.EmitQuery(query);
            for (var i = 0; i < emitter.Parameters.Count; i++)
            {
                command.Parameters.AddWithValue("?" + (i + 1), emitter.Parameters[i]);
            }

            return new QueryResult(query.Output, Rows(command, query, cancellationToken), new Closer(command, connection));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static async IAsyncEnumerable<SqlValue[]> Rows(SqliteCommand command, BoundQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var output = query.Output;
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new SqlValue[output.Length];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = SqliteQueryEmitter.Decode(reader.IsDBNull(i) ? null : reader.GetValue(i), output[i].Type);
            }

            yield return row;
        }
    }

    private static IEnumerable<string> Databases(BoundQuery query) => query.Body switch
    {
        BoundSelect select => select.From is null ? [] : Databases(select.From),
        BoundSetOperation set => Databases(set.Left).Concat(Databases(set.Right)),
        _ => [],
    };

    private static IEnumerable<string> Databases(BoundRelation relation) => relation switch
    {
        BoundTableRelation table => [table.Table.Database],
        BoundDerivedRelation derived => Databases(derived.Query),
        BoundJoin join => Databases(join.Left).Concat(Databases(join.Right)),
        _ => [],
    };

    private sealed class Closer(SqliteCommand command, SqliteConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await command.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
