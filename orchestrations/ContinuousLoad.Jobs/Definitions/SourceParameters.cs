using ContinuousLoad.Ingest.Options;

namespace ContinuousLoad.Jobs.Definitions;

/// <summary>
/// What a job's table function says about its source, validated: <see cref="S3JobSource"/> for <c>S3(...)</c>,
/// <see cref="CdcStreamSource"/> for <c>cdc_stream(...)</c>.
/// </summary>
public abstract record SourceParameters
{
    /// <summary>Which <see cref="Sources.IJobSource"/> reads the job (<c>s3</c>, <c>cdc_stream:postgres</c>, ...).</summary>
    public abstract string Kind { get; }

    /// <summary>How the source's rows reach the load: the format options the SELECT's mapping is built on.</summary>
    public abstract LoadOptions Format { get; }

    /// <summary>What names the data the job reads: ALTER may not change it (spec B.11), or the offset would mean something else.</summary>
    public abstract string Identity { get; }

    /// <summary>The refusal when an ALTER changes <see cref="Identity"/>.</summary>
    public abstract string IdentityChanged(string jobName);
}
