using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Syntax.Expressions;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Storage;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>
/// Opens connections to a database file with the settings every connection needs: WAL, a busy timeout
/// (writers queue instead of failing with SQLITE_BUSY), and the numeric collation and functions the
/// stored forms rely on. Readers open read-only.
/// </summary>
internal static class SqliteConnections
{
    public static SqliteConnection OpenWriter(string path, bool create)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 60,
        }.ConnectionString);
        connection.Open();
        Configure(connection);
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA busy_timeout=60000;");
        return connection;
    }

    public static SqliteConnection OpenReader(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 60,
        }.ConnectionString);
        connection.Open();
        Configure(connection);
        Execute(connection, "PRAGMA busy_timeout=60000; PRAGMA query_only=1;");
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Prepares a query connection: the collation and functions, plus GROUP_CONCAT with Doris's separator handling.</summary>
    public static void ConfigureReader(SqliteConnection connection)
    {
        Configure(connection);
        Execute(connection, "PRAGMA busy_timeout=60000;");
        connection.CreateAggregate("cl_group_concat", default(GroupConcat?),
            (GroupConcat? state, string? value, string separator) => (state ?? new GroupConcat(separator, distinct: false)).Add(value),
            state => state?.ToString(), isDeterministic: true);
        connection.CreateAggregate("cl_group_concat_distinct", default(GroupConcat?),
            (GroupConcat? state, string? value, string separator) => (state ?? new GroupConcat(separator, distinct: true)).Add(value),
            state => state?.ToString(), isDeterministic: true);
    }

    private static void Configure(SqliteConnection connection)
    {
        connection.CreateCollation(SqliteNumericCollation.Name, SqliteNumericCollation.Compare);

        // Exact decimal arithmetic for AGGREGATE SUM merges on text-stored decimals and LARGEINTs.
        connection.CreateFunction("cl_numeric_add", (string? left, string? right, long scale) => NumericText.Add(left, right, (int)scale),
            isDeterministic: true);
        connection.CreateFunction("cl_numeric_max", (string? left, string? right) =>
            left is null || right is null ? left ?? right : SqliteNumericCollation.Compare(left, right) >= 0 ? left : right, isDeterministic: true);
        connection.CreateFunction("cl_numeric_min", (string? left, string? right) =>
            left is null || right is null ? left ?? right : SqliteNumericCollation.Compare(left, right) <= 0 ? left : right, isDeterministic: true);
        connection.CreateAggregate("cl_numeric_sum", default(string?), (string? total, string? value) =>
            value is null ? total : NumericText.Add(total, value, Scale(value)), total => total, isDeterministic: true);
        connection.CreateAggregate("cl_numeric_avg", (Sum: default(SqlDecimal?), Count: 0L, Scale: 0),
            ((SqlDecimal? Sum, long Count, int Scale) state, string? value, long scale) =>
            {
                if (value is null)
                {
                    return state;
                }

                var number = SqlDecimal.Parse(value);
                var total = state.Sum is { } sum
                    ? new SqlDecimal(checked(sum.Unscaled + number.Rescale(sum.Scale)!.Value.Unscaled), sum.Scale)
                    : number;
                return (total, state.Count + 1, (int)scale);
            },
            state => state.Sum is { } sum
                ? Arithmetic.Apply(BinaryOperator.Divide, SqlValue.FromDecimal(sum), SqlValue.FromInteger(state.Count),
                    DataType.Decimal(DataType.MaxDecimalPrecision, state.Scale)).ToString()
                : null,
            isDeterministic: true);
    }

    /// <summary>The fraction digits of canonical numeric text.</summary>
    private static int Scale(string text) => text.IndexOf('.', StringComparison.Ordinal) is var point and >= 0 ? text.Length - point - 1 : 0;

    /// <summary>GROUP_CONCAT's running text: non-NULL values joined by the separator, optionally each value once.</summary>
    private sealed class GroupConcat(string separator, bool distinct)
    {
        private readonly System.Text.StringBuilder _text = new();
        private readonly HashSet<string>? _seen = distinct ? new HashSet<string>(StringComparer.Ordinal) : null;
        private bool _any;

        public GroupConcat Add(string? value)
        {
            if (value is null || (_seen is not null && !_seen.Add(value)))
            {
                return this;
            }

            if (_any)
            {
                _text.Append(separator);
            }

            _text.Append(value);
            _any = true;
            return this;
        }

        public override string? ToString() => _any ? _text.ToString() : null;
    }
}
