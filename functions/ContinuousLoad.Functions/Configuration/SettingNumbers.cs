using System.Globalization;

namespace ContinuousLoad.Functions.Configuration;

/// <summary>Reads numeric settings: absent means the default; anything else must parse and lie within bounds, or the app does not start.</summary>
public static class SettingNumbers
{
    public static long Whole(IConfiguration configuration, string key, long fallback, long min, long max = long.MaxValue)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new StartupConfigurationException(max == long.MaxValue
                ? $"{key} must be a whole number of at least {min}, not '{text}'."
                : $"{key} must be a whole number from {min} to {max}, not '{text}'.");
    }

    public static double Decimal(IConfiguration configuration, string key, double fallback, double min)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new StartupConfigurationException($"{key} must be a number of at least {min.ToString(CultureInfo.InvariantCulture)}, not '{text}'.");
    }
}
