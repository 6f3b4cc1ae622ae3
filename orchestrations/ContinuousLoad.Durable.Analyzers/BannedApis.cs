namespace ContinuousLoad.Durable.Analyzers;

/// <summary>
/// What orchestrator code may not touch that Microsoft.DurableTask.Analyzers leaves unchecked, and what to
/// use instead. The official analyzer covers DateTime/DateTimeOffset/TimeProvider, Guid.NewGuid, Task.Delay
/// and Thread.Sleep, Task.Run/ContinueWith/StartNew and Thread.Start, environment variables, and its list of
/// Azure, HTTP and SQL clients (DURABLE0001-0010); this list is the rest.
/// </summary>
internal static class BannedApis
{
    /// <returns>The advice for a banned member, or null when the member is allowed.</returns>
    public static string? Advice(string type, string ns, string member) => (type, member) switch
    {
        ("System.Random", _) => "randomness does not replay; pass random values in as activity results",
        ("System.Diagnostics.Stopwatch", _) or ("System.Environment", "TickCount" or "TickCount64") => "use context.CurrentUtcDateTime",
        ("System.Threading.CancellationTokenSource", "CancelAsync" or "CancelAfter") => "use Cancel() (and context.CreateTimer for timeouts)",
        (_, "ConfigureAwait") => "continuations must return to the replay thread",
        _ when ns.StartsWith("System.IO", System.StringComparison.Ordinal) || ns.StartsWith("System.Net", System.StringComparison.Ordinal) =>
            "I/O belongs in an activity",
        _ => null,
    };
}
