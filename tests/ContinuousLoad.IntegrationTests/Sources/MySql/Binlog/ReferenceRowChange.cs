namespace ContinuousLoad.IntegrationTests.Sources.MySql.Binlog;

/// <summary>One row change as mariadb-binlog prints it: INSERT/UPDATE/DELETE, the table, the WHERE (before) and SET (after) values.</summary>
public sealed record ReferenceRowChange(string Kind, string Table, IReadOnlyList<string>? Before, IReadOnlyList<string>? After);
