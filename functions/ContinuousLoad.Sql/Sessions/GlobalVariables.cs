namespace ContinuousLoad.Sql.Sessions;

/// <summary>
/// The values every new session starts from: the host's configuration, changed at run time by
/// <c>SET GLOBAL</c>. Kept in memory, so a restart returns to the configuration (Doris persists them).
/// </summary>
public sealed class GlobalVariables(SessionVariables configured)
{
    private SessionVariables _current = configured;

    /// <summary>What <c>SET ... = DEFAULT</c> returns a variable to.</summary>
    public SessionVariables Configured { get; } = configured;

    public SessionVariables Current => Volatile.Read(ref _current);

    public void Set(string name, string? value)
    {
        SessionVariables before, after;
        do
        {
            before = Current;
            after = before.With(name, value, Configured);
        }
        while (Interlocked.CompareExchange(ref _current, after, before) != before);
    }
}
