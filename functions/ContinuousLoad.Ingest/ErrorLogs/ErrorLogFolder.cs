using System.Text.RegularExpressions;

namespace ContinuousLoad.Ingest.ErrorLogs;

/// <summary>
/// Where loads leave their error logs, one file per load, named <c>error_log_&lt;txn&gt;_&lt;32 hex&gt;</c>.
/// Only names of that exact form are ever opened, so a request cannot read anything outside the folder.
/// </summary>
public sealed partial class ErrorLogFolder(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>A fresh log for a load; its file appears only when the first bad row is written.</summary>
    public ErrorLog Create(long transactionId)
    {
        var name = $"error_log_{Math.Max(transactionId, 0)}_{Guid.NewGuid():N}";
        return new ErrorLog(name, () =>
        {
            System.IO.Directory.CreateDirectory(Directory);
            return new FileStream(Path.Combine(Directory, name), FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        });
    }

    /// <returns>The log's content, or null when <paramref name="name"/> is not a log name or the log is gone.</returns>
    public Stream? Open(string? name)
    {
        if (name is null || !LogName().IsMatch(name))
        {
            return null;
        }

        try
        {
            return new FileStream(Path.Combine(Directory, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Deletes logs older than <paramref name="retention"/>.</summary>
    /// <returns>How many were deleted.</returns>
    public int DeleteOlderThan(DateTime nowUtc, TimeSpan retention)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var file in new DirectoryInfo(Directory).EnumerateFiles("error_log_*"))
        {
            if (LogName().IsMatch(file.Name) && file.LastWriteTimeUtc < nowUtc - retention)
            {
                file.Delete();
                deleted++;
            }
        }

        return deleted;
    }

    [GeneratedRegex("^error_log_[0-9]{1,19}_[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex LogName();
}
