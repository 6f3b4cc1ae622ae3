namespace ContinuousLoad.Jobs.Definitions;

/// <summary>Which new objects an S3 job loads: the <c>s3.ordering</c> property.</summary>
public enum ObjectOrdering
{
    /// <summary>Doris's behaviour: only keys that sort after the last loaded key; a late key that sorts before it is never loaded.</summary>
    Lexicographic,

    /// <summary>Every matching key not loaded yet, whatever its name: the loaded keys are remembered in the table store.</summary>
    Any,
}
