using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Tables.Writing;

/// <summary>Why a row is filtered, in Doris's words, for the reasons every write path shares.</summary>
public static class RowRejection
{
    public static string StrictModeInvalid(ColumnSchema column, string source) =>
        $"column({column.Name}) value is incorrect while strict mode is true, src value is {source}";

    public static string OutOfRange(ColumnSchema column, string source) =>
        $"column({column.Name}) value {source} is out of range for {column.Type}";
}
