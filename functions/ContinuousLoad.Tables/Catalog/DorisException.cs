namespace ContinuousLoad.Tables.Catalog;

/// <summary>
/// A statement failed for a reason the user can fix; the message is Doris's wording where Doris has one
/// ("Unknown database 'x'", "Table 'x' already exists").
/// </summary>
public sealed class DorisException(string message) : Exception(message)
{
    public static DorisException UnknownDatabase(string database) => new($"Unknown database '{database}'");

    public static DorisException UnknownTable(string database, string table) =>
        new($"Table [{table}] does not exist in database [{database}].");

    /// <summary>A FROM item <c>name(...)</c> no table function answers (Doris's wording).</summary>
    public static DorisException UnknownTableFunction(string name) => new($"Could not find table function {name}");

    public static DorisException DatabaseExists(string database) => new($"Can't create database '{database}'; database exists");

    public static DorisException TableExists(string table) => new($"Table '{table}' already exists");

    public static DorisException UnknownTransaction(Storage.TransactionSelector selector, string database) =>
        new($"{selector} does not exist in database [{database}]");

    /// <summary>A 2PC commit or abort of a transaction that is not waiting for one.</summary>
    public static DorisException NotPreCommitted(long transactionId, Storage.LabelState state) =>
        new($"transaction [{transactionId}] is already {(state == Storage.LabelState.Visible ? "visible" : "aborted")}, not pre-committed.");
}
