namespace ContinuousLoad.Durable.Stores;

/// <summary>A store's schema as numbered scripts embedded in the assembly (<c>Scripts/001-*.sql</c>), applied in order, once each.</summary>
internal static class SchemaScripts
{
    public static IReadOnlyList<(int Version, string Sql)> For(string store)
    {
        var assembly = typeof(SchemaScripts).Assembly;
        var prefix = $"ContinuousLoad.Durable.Stores.{store}.Scripts.";
        return
        [
            .. assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                .Select(n => (Version: int.Parse(n.AsSpan(prefix.Length, 3), System.Globalization.CultureInfo.InvariantCulture), Name: n))
                .OrderBy(s => s.Version)
                .Select(s => (s.Version, Read(assembly, s.Name))),
        ];
    }

    private static string Read(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
