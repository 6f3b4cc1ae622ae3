namespace ContinuousLoad.Ingest.Pipeline;

public enum RowOutcome
{
    Loaded,
    Filtered,
    Unselected,
}
