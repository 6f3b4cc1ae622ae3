using System.Text.Json;

namespace ContinuousLoad.Functions.Configuration;

/// <summary>
/// <c>Values</c> become top-level keys as the Functions tooling turns them into environment
/// variables (<c>__</c> and <c>:</c> both separate sections); <c>ConnectionStrings</c> keep their
/// section. The file is optional; when present it must be valid JSON (comments allowed).
/// </summary>
public sealed class LocalSettingsConfigurationProvider(string path) : ConfigurationProvider
{
    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public override void Load()
    {
        Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), JsonOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new StartupConfigurationException($"{path} must hold a JSON object with a \"Values\" object.");
            }

            ReadSection(document.RootElement, "Values", prefix: "");
            ReadSection(document.RootElement, "ConnectionStrings", prefix: "ConnectionStrings:");
        }
        catch (JsonException e)
        {
            throw new StartupConfigurationException(
                $"{path} is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }
    }

    private void ReadSection(JsonElement root, string name, string prefix)
    {
        if (!root.TryGetProperty(name, out var section))
        {
            return;
        }

        if (section.ValueKind != JsonValueKind.Object)
        {
            throw new StartupConfigurationException($"{path}: \"{name}\" must be an object of string settings.");
        }

        foreach (var setting in section.EnumerateObject())
        {
            var key = prefix + setting.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
            Data[key] = setting.Value.ValueKind switch
            {
                JsonValueKind.String => setting.Value.GetString(),
                JsonValueKind.Null => null,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => setting.Value.GetRawText(),
                _ => throw new StartupConfigurationException(
                    $"{path}: setting \"{setting.Name}\" in \"{name}\" must be a string, number or boolean."),
            };
        }
    }
}
