namespace ContinuousLoad.Sources.S3;

/// <summary>
/// The <c>path_partition_keys</c> of an object (Hive-style layout): the value of <c>name</c> is taken from a
/// <c>name=value</c> segment of the key's folders, percent-decoded; a name no segment carries is null.
/// </summary>
public static class PathPartitionValues
{
    public static string?[] Of(string key, IReadOnlyList<string> names)
    {
        var values = new string?[names.Count];
        var folders = key.Split('/')[..^1];
        for (var i = 0; i < names.Count; i++)
        {
            foreach (var folder in folders)
            {
                var equals = folder.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0 && folder.AsSpan(0, equals).Equals(names[i], StringComparison.OrdinalIgnoreCase))
                {
                    values[i] = Uri.UnescapeDataString(folder[(equals + 1)..]);
                }
            }
        }

        return values;
    }
}
