using System.Text.Json;
using ContinuousLoad.Functions.Configuration;
using ContinuousLoad.Jobs.Orchestration;
using ContinuousLoad.Jobs.Secrets;
using ContinuousLoad.Jobs.Statements;
using ContinuousLoad.Tables.Catalog;
using Microsoft.Data.Sqlite;

namespace ContinuousLoad.Functions.Jobs;

/// <summary>
/// Carries the jobs of the runtime before the Durable Task SDK over, once: their states in
/// <c>durable.db</c> under the data directory are upgraded (<see cref="JobStateV1"/>), their secrets sealed,
/// and each job started in the current backend where it left off (a load it had open re-runs under its
/// label, so nothing loads twice). The old file is then renamed <c>durable.db.imported</c>. A job that
/// cannot be carried over is logged with the reason and the file stays, so nothing is lost.
/// </summary>
public sealed class PreviousRuntimeJobs(ContinuousLoadSettings settings, JobDirectory jobs, JobSecrets secrets, ILogger<PreviousRuntimeJobs> logger)
    : BackgroundService
{
    public const string FileName = "durable.db";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = Path.Combine(settings.DataDirectory, FileName);
        if (!File.Exists(path))
        {
            return;
        }

        var failed = 0;
        foreach (var (instanceId, json) in Read(path))
        {
            try
            {
                var state = (JsonSerializer.Deserialize<JobStateV1>(json) ?? throw new JsonException("the state is empty")).Upgrade();
                state.Definition = secrets.Seal(state.Definition);
                await jobs.StartAsync(state, stoppingToken);
                JobHostLog.JobCarriedOver(logger, state.Definition.Name);
            }
            catch (DorisException e) when (e.Message.Contains("already exists", StringComparison.Ordinal))
            {
                JobHostLog.JobCarriedOver(logger, instanceId);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
            {
                failed++;
                JobHostLog.JobNotCarriedOver(logger, e, instanceId, path);
            }
        }

        if (failed == 0)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                if (File.Exists(path + suffix))
                {
                    File.Move(path + suffix, path + ".imported" + suffix, overwrite: true);
                }
            }
        }
    }

    /// <summary>The previous runtime's live job instances and their latest states.</summary>
    private static List<(string InstanceId, string Json)> Read(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT instance_id, coalesce(custom_status, input) FROM instances
            WHERE instance_id LIKE 'job-%' AND runtime_status IN ('Running', 'Pending', 'Suspended') AND coalesce(custom_status, input) IS NOT NULL
            ORDER BY instance_id
            """;
        using var reader = command.ExecuteReader();
        var jobs = new List<(string, string)>();
        while (reader.Read())
        {
            jobs.Add((reader.GetString(0), reader.GetString(1)));
        }

        return jobs;
    }
}
