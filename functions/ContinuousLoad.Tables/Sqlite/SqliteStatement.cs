using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ContinuousLoad.Tables.Sqlite;

/// <summary>
/// A prepared statement driven through SQLite's C API: values bind straight from column vectors
/// (UTF-8 spans, 64-bit integers) without boxing, which is what bulk writes spend their time on.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle!;
        var rc = raw.sqlite3_prepare_v2(_database, sql, out _statement);
        Check(rc, sql);
        Sql = sql;
    }

    public string Sql { get; }

    public void BindNull(int index) => Check(raw.sqlite3_bind_null(_statement, index));

    public void BindInteger(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void BindReal(int index, double value) => Check(raw.sqlite3_bind_double(_statement, index, value));

    public void BindText(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, index, utf8));

    public void BindText(int index, string text) => BindText(index, Encoding.UTF8.GetBytes(text));

    /// <summary>Runs the statement to completion and resets it for the next row; returns the rows it changed.</summary>
    public int Execute()
    {
        int rc;
        do
        {
            rc = raw.sqlite3_step(_statement);
        }
        while (rc == raw.SQLITE_ROW);

        raw.sqlite3_reset(_statement);
        Check(rc);
        return raw.sqlite3_changes(_database);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc, string? sql = null)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_DONE)
        {
            return;
        }

        var message = raw.sqlite3_errmsg(_database).utf8_to_string();
        throw new SqliteException($"SQLite error {rc}: {message}{(sql is null ? "" : $" in: {sql}")}", rc);
    }
}
