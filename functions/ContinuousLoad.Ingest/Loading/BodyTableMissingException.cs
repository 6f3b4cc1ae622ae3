namespace ContinuousLoad.Ingest.Loading;

/// <summary>
/// A body names a table the load's database does not have (<see cref="LoadBody.Table"/>): for a database-level job,
/// a source table new since the job started. Nothing is committed; the caller may create the table and load again.
/// </summary>
public sealed class BodyTableMissingException(string database, string table)
    : Exception($"unknown table, tableName={table} (database {database})")
{
    public string Database { get; } = database;

    public string Table { get; } = table;
}
