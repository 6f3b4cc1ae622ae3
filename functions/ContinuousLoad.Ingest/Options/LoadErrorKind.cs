namespace ContinuousLoad.Ingest.Options;

/// <summary>
/// Where Doris refuses a bad load request: the backend's header checks (<see cref="InvalidArgument"/>,
/// <see cref="Internal"/>) or the frontend's planning (<see cref="Analysis"/>). Clients match on the prefix.
/// </summary>
public enum LoadErrorKind
{
    Analysis,
    InvalidArgument,
    Internal,
}
