using System.Runtime.CompilerServices;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Queries;
using ContinuousLoad.Tables.Storage;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>
/// Runs a bound query on its own connection: an in-memory main database with every database the
/// query reads attached by name, or the table functions' rows loaded into it, and <c>query_only</c>
/// on, so nothing can be written.
/// </summary>
internal static class SqliteQueryRunner
{
    public static QueryResult Run(BoundQuery query, Func<string, string> fileOf, EvaluationContext context, QueryBudget budget, CancellationToken cancellationToken)
    {
        var connection = OpenInMemory();
        try
        {
            var databases = BoundSources.Of(query).OfType<BoundTableRelation>().Select(t => t.Table.Database);
            foreach (var database in databases.Distinct(StringComparer.Ordinal))
            {
                using var attach = connection.CreateCommand();
                attach.CommandText = $"ATTACH DATABASE $file AS {SqliteNames.Quote(database)}";
                attach.Parameters.AddWithValue("$file", fileOf(database));
                attach.ExecuteNonQuery();
            }

            return Start(connection, query, context, virtualTables: null, budget, cancellationToken);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs a query over table functions only. Whatever the configured store, their rows go into a
    /// private in-memory database, so they are compared, sorted and computed on exactly like stored rows.
    /// </summary>
    public static QueryResult RunOverVirtualTables(BoundQuery query, EvaluationContext context, QueryBudget budget, CancellationToken cancellationToken)
    {
        var connection = OpenInMemory();
        try
        {
            var tables = BoundSources.Of(query).OfType<BoundVirtualRelation>().Select(v => v.Table);
            var names = SqliteVirtualTables.Load(connection, tables, cancellationToken);
            return Start(connection, query, context, names, budget, cancellationToken);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static SqliteConnection OpenInMemory()
    {
        var connection = new SqliteConnection("Data Source=:memory:;Pooling=False");
        try
        {
            connection.Open();
            connection.Handle!.enable_sqlite3_next_stmt(true); // the query watch counts rows over the connection's statements
            SqliteConnections.ConfigureReader(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Locks the connection read-only, watches its budget and starts the query; the result owns the connection from here.</summary>
    private static QueryResult Start(SqliteConnection connection, BoundQuery query, EvaluationContext context,
        IReadOnlyDictionary<VirtualTable, string>? virtualTables, QueryBudget budget, CancellationToken cancellationToken)
    {
        SqliteConnections.Execute(connection, "PRAGMA query_only = 1");
        var watch = SqliteQueryWatch.Attach(connection, budget, cancellationToken);
        var emitter = new SqliteQueryEmitter(connection, context, virtualTables);
        var command = connection.CreateCommand();
        command.CommandText = emitter.EmitQuery(query);
        for (var i = 0; i < emitter.Parameters.Count; i++)
        {
            command.Parameters.AddWithValue("?" + (i + 1), emitter.Parameters[i]);
        }

        return new QueryResult(query.Output, Rows(command, query, watch, cancellationToken), new Closer(command, connection));
    }

    private static async IAsyncEnumerable<SqlValue[]> Rows(SqliteCommand command, BoundQuery query, SqliteQueryWatch watch,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = await Step(() => command.ExecuteReaderAsync(cancellationToken), watch);
        var output = query.Output;
        var storage = output.Select(c => ValueEncoding.StorageOf(c.Type)).ToArray();
        while (await Step(() => reader.ReadAsync(cancellationToken), watch))
        {
            var row = new SqlValue[output.Length];
            for (var i = 0; i < row.Length; i++)
            {
                // Read by the column's storage class: a typed getter costs half of GetValue's type probe and boxing.
                row[i] = reader.IsDBNull(i) ? SqlValue.Null : storage[i] switch
                {
                    StorageClass.Integer => ValueEncoding.FromInteger(reader.GetInt64(i), output[i].Type),
                    StorageClass.Real => SqlValue.FromDouble(reader.GetDouble(i)),
                    _ => ValueEncoding.FromText(reader.GetString(i), output[i].Type),
                };
            }

            yield return row;
        }
    }

    /// <summary>Runs a step of the query; an interruption by the watch comes out as its reason (timeout, scan limit, cancellation).</summary>
    private static async Task<T> Step<T>(Func<Task<T>> step, SqliteQueryWatch watch)
    {
        try
        {
            return await step();
        }
        catch (SqliteException e) when (watch.Explains(e, out var reason))
        {
            throw reason;
        }
    }

    private sealed class Closer(SqliteCommand command, SqliteConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await command.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
