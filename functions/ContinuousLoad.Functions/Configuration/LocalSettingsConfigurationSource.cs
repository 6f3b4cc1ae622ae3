namespace ContinuousLoad.Functions.Configuration;

/// <summary>Reads the <c>Values</c> and <c>ConnectionStrings</c> of a Functions <c>local.settings.json</c>.</summary>
public sealed class LocalSettingsConfigurationSource(string path) : IConfigurationSource
{
    public string Path { get; } = path;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new LocalSettingsConfigurationProvider(Path);
}
