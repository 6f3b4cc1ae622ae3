namespace ContinuousLoad.Sources.Postgres.Values;

/// <summary>
/// Stands in for a TOASTed column an UPDATE left unchanged: pgoutput does not send its value, so the
/// row image holds this marker — never a value — and the consumer keeps the value it already has.
/// </summary>
public sealed class UnchangedToast
{
    public static readonly UnchangedToast Value = new();

    private UnchangedToast()
    {
    }

    public override string ToString() => "(unchanged toast)";
}
