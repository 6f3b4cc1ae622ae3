using System.Text.Json.Serialization;

namespace ContinuousLoad.Jobs.Definitions;

/// <summary>
/// A streaming job as CREATE JOB (and later ALTER JOB) defined it — persisted in its orchestration's
/// state, so every field is plain data. The body is kept as SQL text (secrets included, never shown)
/// and re-read by <see cref="CompiledJob"/> wherever it is needed.
/// </summary>
/// <param name="Table">The target table; empty for a database-level job, whose tables follow its source's.</param>
/// <param name="BodySql">
/// <c>INSERT INTO db.t SELECT ... FROM S3(...) | cdc_stream(...)</c>, or a database-level job's
/// <c>FROM MYSQL | POSTGRES (...) TO DATABASE db (...)</c>.
/// </param>
/// <param name="Properties">The PROPERTIES as given, without the one-shot <c>offset</c>.</param>
public sealed record JobDefinition(
    long Id,
    string Name,
    string Definer,
    DateTime CreatedUtc,
    string Comment,
    string Database,
    string Table,
    [property: JsonPropertyName("InsertSql")] string BodySql,
    IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>The durable instance that runs the job: one per name, so names are unique by construction.</summary>
    public static string InstanceIdOf(string name) => "job-" + name;

    public string InstanceId => InstanceIdOf(Name);

    /// <summary>A database-level job (<c>FROM MYSQL | POSTGRES (...) TO DATABASE</c>): it loads the tables its source has.</summary>
    [JsonIgnore]
    public bool MirrorsDatabase => IsDatabaseSync(BodySql);

    /// <summary>Whether a job body (<see cref="BodySql"/>) is a database-level job's <c>FROM ... TO DATABASE ...</c> rather than an INSERT.</summary>
    public static bool IsDatabaseSync(string bodySql) => bodySql.TrimStart().StartsWith("FROM ", StringComparison.OrdinalIgnoreCase);

    /// <summary>A task's label, <c>&lt;jobId&gt;_&lt;taskId&gt;</c> as in Doris.</summary>
    public string LabelOf(long taskId) => FormattableString.Invariant($"{Id}_{taskId}");

    /// <summary>
    /// Where a job with <c>s3.ordering = any</c> remembers the keys it loaded; an offset reset starts a new
    /// generation, so keys after the new offset load again.
    /// </summary>
    public string LedgerOf(int generation) => FormattableString.Invariant($"job-{Id}-{generation}");
}
