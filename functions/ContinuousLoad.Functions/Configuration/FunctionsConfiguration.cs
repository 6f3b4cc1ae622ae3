namespace ContinuousLoad.Functions.Configuration;

/// <summary>
/// Layers configuration the way the Functions tooling does, lowest first: built-in defaults →
/// <c>host.json</c> → <c>local.settings.json</c> <c>Values</c> → environment variables → command line.
/// </summary>
public static class FunctionsConfiguration
{
    public const string HostJsonFileName = "host.json";
    public const string LocalSettingsFileName = "local.settings.json";

    public static void UseFunctionsLayers(this ConfigurationManager configuration, string contentRoot, string[] args)
    {
        var scriptRoot = ScriptRoot(contentRoot);
        configuration.Sources.Clear();
        configuration.AddInMemoryCollection(ContinuousLoadSettings.Defaults);
        AddHostJson(configuration, Path.Combine(scriptRoot, HostJsonFileName));
        ((IConfigurationBuilder)configuration).Add(new LocalSettingsConfigurationSource(Path.Combine(scriptRoot, LocalSettingsFileName)));
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
    }

    /// <summary>
    /// Under the Functions host the worker's own configuration stays (it carries how to reach the host); our defaults and
    /// host.json's <c>continuousLoad</c> section go beneath it, so app settings and environment variables override them.
    /// </summary>
    public static void UseHostJsonBeneath(this IConfigurationBuilder configuration, string contentRoot)
    {
        var below = new ConfigurationBuilder().AddInMemoryCollection(ContinuousLoadSettings.Defaults);
        AddHostJson(below, Path.Combine(ScriptRoot(contentRoot), HostJsonFileName));
        for (var i = below.Sources.Count - 1; i >= 0; i--)
        {
            configuration.Sources.Insert(0, below.Sources[i]);
        }
    }

    /// <summary>
    /// The folder holding <c>host.json</c>: the working directory when it has one (the repository root
    /// for <c>dotnet run --project ...</c>), else the build output, which carries a copy.
    /// </summary>
    public static string ScriptRoot(string contentRoot) =>
        File.Exists(Path.Combine(contentRoot, HostJsonFileName)) ? contentRoot : AppContext.BaseDirectory;

    private static void AddHostJson(IConfigurationBuilder configuration, string path)
    {
        try
        {
            configuration.AddJsonFile(path, optional: true, reloadOnChange: false);
        }
        catch (InvalidDataException e)
        {
            throw new StartupConfigurationException(
                $"{path} is not valid JSON: {e.InnerException?.Message ?? e.Message}", e);
        }
    }
}
