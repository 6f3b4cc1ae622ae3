using System.Text;

namespace ContinuousLoad.Tables.Storage;

/// <summary>One value of a <see cref="ColumnVector"/> lifted out (for folding rows with the same key).</summary>
public readonly record struct StoredValue(StorageClass Storage, bool IsNull, long Integer, double Real, string? Text)
{
    public static StoredValue Read(ColumnVector vector, int row) => vector.IsNull(row)
        ? new StoredValue(vector.Storage, true, 0, 0, null)
        : vector.Storage switch
        {
            StorageClass.Integer => new StoredValue(StorageClass.Integer, false, vector.GetInteger(row), 0, null),
            StorageClass.Real => new StoredValue(StorageClass.Real, false, 0, vector.GetReal(row), null),
            _ => new StoredValue(StorageClass.Text, false, 0, 0, Encoding.UTF8.GetString(vector.GetText(row))),
        };

    public void AppendTo(ColumnVector vector)
    {
        if (IsNull)
        {
            vector.AddNull();
        }
        else if (Storage == StorageClass.Integer)
        {
            vector.AddInteger(Integer);
        }
        else if (Storage == StorageClass.Real)
        {
            vector.AddReal(Real);
        }
        else
        {
            vector.AddText(Text!);
        }
    }

    /// <summary>Orders two non-NULL values: numbers numerically, numeric text by value, other text by UTF-8 bytes.</summary>
    public static int Compare(StoredValue left, StoredValue right, bool numericText) => left.Storage switch
    {
        StorageClass.Integer => left.Integer.CompareTo(right.Integer),
        StorageClass.Real => left.Real.CompareTo(right.Real),
        _ when numericText => NumericText.Compare(left.Text!, right.Text!),
        _ => Sql.Evaluation.ValueComparer.CompareUtf8Order(left.Text!, right.Text!),
    };
}
