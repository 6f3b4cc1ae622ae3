namespace ContinuousLoad.Durable.Sqlite;

/// <summary>The backend's schema as numbered scripts embedded in the assembly (<c>Scripts/001-*.sql</c>), applied in order, once each.</summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<(int Version, string Sql)> Scripts { get; } = Read();

    private static List<(int Version, string Sql)> Read()
    {
        var assembly = typeof(SqliteSchema).Assembly;
        const string prefix = "ContinuousLoad.Durable.Sqlite.Scripts.";
        return
        [
            .. assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                .Select(n => (Version: int.Parse(n.AsSpan(prefix.Length, 3), System.Globalization.CultureInfo.InvariantCulture), Name: n))
                .OrderBy(s => s.Version)
                .Select(s => (s.Version, Text(assembly, s.Name))),
        ];
    }

    private static string Text(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
