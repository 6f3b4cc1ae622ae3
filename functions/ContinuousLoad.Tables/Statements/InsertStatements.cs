using System.Collections.Immutable;
using System.Globalization;
using ContinuousLoad.Sql.Binding;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Syntax.Statements;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Catalog;
using ContinuousLoad.Tables.Queries;
using ContinuousLoad.Tables.Storage;
using ContinuousLoad.Tables.Writing;

namespace ContinuousLoad.Tables.Statements;

/// <summary>
/// INSERT ... VALUES and INSERT ... SELECT: one write transaction with its label, through the same
/// row conversion and store writes loads use. Like Doris's default (<c>enable_insert_strict</c>),
/// any filtered row fails the whole statement and nothing is written.
/// </summary>
internal sealed class InsertStatements(ITableStore store, CatalogStatements catalog, QueryStatements queries)
{
    private const int BatchSize = 4096;

    public async Task<StatementResult> InsertAsync(InsertStatement insert, SessionContext session, CancellationToken cancellationToken)
    {
        var database = session.DatabaseOf(insert.Table);
        var table = await catalog.TableAsync(database, insert.Table.Name, cancellationToken);
        var target = Target(insert, table);
        var label = insert.Label ?? $"insert_{Guid.NewGuid():N}";
        var converter = new RowConverter(table, target.Stored, strictMode: true, session.Evaluation);
        var batch = new RowBatch(table, target.Stored, BatchSize);
        await using var transaction = await store.BeginWriteAsync(database, label, WriteMode.Direct, cancellationToken);
        long rows = 0;
        await foreach (var source in SourceRows(insert, target, session, cancellationToken))
        {
            var (values, types, operation) = target.Shape(source.Values, source.Types, session.Evaluation);
            if (converter.TryAppend(values, types, batch, operation) is { } reason)
            {
                throw new DorisException($"Insert has filtered data in strict mode. First error: {reason}");
            }

            rows++;
            if (batch.Count == BatchSize)
            {
                await transaction.WriteAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        await transaction.WriteAsync(batch, cancellationToken);
        var record = await transaction.CommitAsync(new LabelCommit(Result: $"{{\"rows\":{rows.ToString(CultureInfo.InvariantCulture)}}}"), cancellationToken);
        return new ExecResult(rows, record.Label, "VISIBLE", record.TransactionId);
    }

    private async IAsyncEnumerable<(SqlValue[] Values, DataType[] Types)> SourceRows(InsertStatement insert, InsertTarget target, SessionContext session,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (insert.Query is { } query)
        {
            await using var result = await queries.RunAsync(query, session, QueryBudget.ForInsert(session.Variables), cancellationToken);
            if (result.Columns.Length != target.Named.Length)
            {
                throw new DorisException($"Column count doesn't match value count: {target.Named.Length} column(s), the query gives {result.Columns.Length}");
            }

            var types = result.Columns.Select(c => c.Type).ToArray();
            await foreach (var row in result.Rows.WithCancellation(cancellationToken))
            {
                yield return (row, types);
            }

            yield break;
        }

        var binder = new ExpressionBinder(EmptyScope.Values, timeZone: session.Evaluation.TimeZone);
        foreach (var row in insert.Rows)
        {
            if (row.Count != target.Named.Length)
            {
                throw new DorisException($"Column count doesn't match value count: {target.Named.Length} column(s), {row.Count} value(s)");
            }

            var values = new SqlValue[row.Count];
            var types = new DataType[row.Count];
            for (var i = 0; i < row.Count; i++)
            {
                if (row[i] is DefaultExpression)
                {
                    var column = target.Named[i];
                    values[i] = ColumnDefaults.For(column, session.Evaluation) ?? throw NoDefault(column);
                    types[i] = column.Type;
                    continue;
                }

                var bound = binder.Bind(row[i]);
                values[i] = ExpressionCompiler.Compile(bound)([], session.Evaluation);
                types[i] = bound.Type;
            }

            yield return (values, types);
        }
    }

    private static InsertTarget Target(InsertStatement insert, TableSchema table)
    {
        var named = insert.Columns.IsEmpty
            ? table.VisibleColumns.ToImmutableArray()
            : [.. insert.Columns.Select(name => table.Find(name) ?? throw new DorisException($"Unknown column '{name}' in '{table.Name}'"))];
        var duplicate = named.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DorisException($"Column '{duplicate.Key}' specified twice");
        }

        var stored = table.Columns.Where(c => c.Name != Identifiers.DeleteSignColumn
                                              && (!c.Hidden || named.Any(n => n.Name == c.Name))).ToImmutableArray();
        foreach (var column in stored.Where(c => !named.Contains(c) && c.Default is null && !c.Nullable && !c.AutoIncrement))
        {
            throw NoDefault(column);
        }

        return new InsertTarget(named, stored, named.IndexOf(named.FirstOrDefault(c => c.Name == Identifiers.DeleteSignColumn)!));
    }

    private static DorisException NoDefault(ColumnSchema column) => new($"Column has no default value, column={column.Name}");

    /// <summary>Maps the columns an INSERT names onto the columns stored; the delete sign turns into the row's operation.</summary>
    private sealed record InsertTarget(ImmutableArray<ColumnSchema> Named, ImmutableArray<ColumnSchema> Stored, int DeleteSign)
    {
        public (SqlValue[] Values, DataType[] Types, RowOperation Operation) Shape(SqlValue[] source, DataType[] sourceTypes, EvaluationContext context)
        {
            var values = new SqlValue[Stored.Length];
            var types = new DataType[Stored.Length];
            for (var i = 0; i < Stored.Length; i++)
            {
                var index = Named.IndexOf(Stored[i]);
                if (index >= 0)
                {
                    values[i] = source[index];
                    types[i] = sourceTypes[index];
                }
                else
                {
                    values[i] = ColumnDefaults.For(Stored[i], context) ?? SqlValue.Null;
                    types[i] = Stored[i].Type;
                }
            }

            var delete = DeleteSign >= 0 && !source[DeleteSign].IsNull
                         && ValueConverter(source[DeleteSign], sourceTypes[DeleteSign], context) != 0;
            return (values, types, delete ? RowOperation.Delete : RowOperation.Upsert);
        }

        private static long ValueConverter(SqlValue value, DataType type, EvaluationContext context) =>
            Sql.Conversion.ValueConverter.Convert(value, type, DataType.BigInt, context.TimeZone).Value is { IsNull: false } number ? number.AsInteger : 0;
    }
}
