using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Sources;

/// <summary>The sources this host can read, found by the job's table function.</summary>
public sealed class JobSources(IEnumerable<IJobSource> sources)
{
    private readonly Dictionary<string, IJobSource> _byKind = sources.ToDictionary(s => s.Kind, StringComparer.OrdinalIgnoreCase);

    /// <exception cref="DorisException">No source of this host reads the job's table function.</exception>
    public IJobSource For(CompiledJob job) =>
        _byKind.GetValueOrDefault(job.Source.Kind) ?? throw new DorisException($"No source reads '{job.Source.Kind}' streaming jobs on this host");
}
