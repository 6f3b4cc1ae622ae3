using System.Diagnostics;
using System.Globalization;

namespace ContinuousLoad.Durable.Sidecar;

/// <summary>
/// The sidecar's socket files, named after the process that listens on them. A process that is killed
/// cannot remove its socket; the next sidecar to start removes those of processes that no longer run.
/// </summary>
internal static class SidecarSockets
{
    private const string Prefix = "continuousload-";

    public static string NameFor(int processId) => $"{Prefix}{processId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..12]}.sock";

    /// <summary>Removes the sockets in <paramref name="folder"/> whose process has ended; those of running processes (or of other users) stay.</summary>
    public static void RemoveStale(string folder)
    {
        foreach (var path in Directory.EnumerateFiles(folder, Prefix + "*.sock"))
        {
            var name = Path.GetFileName(path.AsSpan())[Prefix.Length..];
            var dash = name.IndexOf('-');
            if (dash > 0 && int.TryParse(name[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var processId) && !IsRunning(processId))
            {
                try
                {
                    File.Delete(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another user's, or removed meanwhile.
                }
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
