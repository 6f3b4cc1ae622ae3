namespace ContinuousLoad.Durable.Analyzers;

/// <summary>What orchestrator code may not touch, and what to use instead.</summary>
internal static class BannedApis
{
    /// <returns>The advice for a banned member, or null when the member is allowed.</returns>
    public static string? Advice(string type, string ns, string member) => (type, member) switch
    {
        ("System.DateTime" or "System.DateTimeOffset", "Now" or "UtcNow" or "Today") => "use context.CurrentUtcDateTime",
        ("System.Guid", "NewGuid") => "use context.NewGuid()",
        ("System.Random", _) => "randomness does not replay; pass random values in as activity results",
        ("System.TimeProvider", _) or ("System.Diagnostics.Stopwatch", _) or ("System.Environment", "TickCount" or "TickCount64") =>
            "use context.CurrentUtcDateTime",
        ("System.Threading.Tasks.Task", "Delay") => "use context.CreateTimer",
        ("System.Threading.Tasks.Task" or "System.Threading.Tasks.TaskFactory", "Run" or "StartNew") => "orchestrator code runs on the replay thread; do work in an activity",
        ("System.Threading.Thread", _) => "orchestrator code runs on the replay thread; use context.CreateTimer or an activity",
        ("System.Threading.CancellationTokenSource", "CancelAsync" or "CancelAfter") => "use Cancel() (and context.CreateTimer for timeouts)",
        (_, "ConfigureAwait") => "continuations must return to the replay thread",
        _ when ns.StartsWith("System.IO", System.StringComparison.Ordinal) || ns.StartsWith("System.Net", System.StringComparison.Ordinal) =>
            "I/O belongs in an activity",
        _ => null,
    };
}
