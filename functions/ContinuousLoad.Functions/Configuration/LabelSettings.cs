namespace ContinuousLoad.Functions.Configuration;

/// <summary>
/// How long a finished load's label (and its error log) is remembered, and how often expired labels
/// and unresolved two-phase pre-commits are swept. Doris's FE names: <c>label_keep_max_second</c>,
/// <c>label_clean_interval_second</c>.
/// </summary>
public sealed record LabelSettings(TimeSpan Retention, TimeSpan CleanInterval)
{
    public const string RetentionKey = "LabelKeepMaxSecond";
    public const string CleanIntervalKey = "LabelCleanIntervalSecond";

    /// <summary>Three days: a client retrying a lost answer within that time is told the load already finished.</summary>
    public const int DefaultRetentionSeconds = 259_200;

    public const int DefaultCleanIntervalSeconds = 60;

    public static LabelSettings Read(IConfiguration configuration, string section) => new(
        Seconds(configuration, $"{section}:{RetentionKey}", DefaultRetentionSeconds),
        Seconds(configuration, $"{section}:{CleanIntervalKey}", DefaultCleanIntervalSeconds));

    private static TimeSpan Seconds(IConfiguration configuration, string key, int fallback) =>
        TimeSpan.FromSeconds(SettingNumbers.Whole(configuration, key, fallback, 1, int.MaxValue));
}
