using System.Diagnostics;
using System.Globalization;
using System.Text;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.MySql;

namespace ContinuousLoad.IntegrationTests.Sources.MySql.Binlog;

/// <summary>
/// Runs <c>mariadb-binlog --read-from-remote-server -v --base64-output=DECODE-ROWS</c> over a binlog range
/// and parses its pseudo-SQL (<c>### INSERT INTO `db`.`t` / ### SET / ###   @1=...</c>) into row changes.
/// Values stay as the tool prints them, bytes read as Latin-1 so every byte survives: the tool writes
/// stored bytes raw (only bytes below 0x20 as <c>\xNN</c>), whatever their charset.
/// </summary>
public static class MariaDbBinlogTool
{
    public static async Task<List<ReferenceRowChange>> ReadAsync(MariaDbAccount account, BinlogPosition start, BinlogPosition stop, string schema, CancellationToken cancellationToken)
    {
        if (start.FileName != stop.FileName)
        {
            throw new ArgumentException("The range must lie in one binlog file.", nameof(stop));
        }

        var info = new ProcessStartInfo("mariadb-binlog")
        {
            ArgumentList =
            {
                "--no-defaults", "--read-from-remote-server", $"--host={account.Host}", $"--port={account.Port}", $"--user={account.User}",
                "-v", "--base64-output=DECODE-ROWS",
                string.Create(CultureInfo.InvariantCulture, $"--start-position={start.Position}"),
                string.Create(CultureInfo.InvariantCulture, $"--stop-position={stop.Position}"),
                start.FileName,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.Latin1,
            Environment = { ["MYSQL_PWD"] = account.Password },
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("mariadb-binlog did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mariadb-binlog exited {process.ExitCode}: {await errors}");
        }

        return Parse(await output, schema);
    }

    private static List<ReferenceRowChange> Parse(string output, string schema)
    {
        var changes = new List<ReferenceRowChange>();
        string? kind = null, table = null;
        List<string>? before = null, after = null, current = null;
        void Flush()
        {
            if (kind is not null && table is not null)
            {
                changes.Add(new ReferenceRowChange(kind, table, before, after));
            }

            (kind, table, before, after, current) = (null, null, null, null, null);
        }

        foreach (var line in output.Split('\n'))
        {
            if (!line.StartsWith("### ", StringComparison.Ordinal))
            {
                continue;
            }

            var text = line[4..];
            if (text.StartsWith("INSERT INTO ", StringComparison.Ordinal) || text.StartsWith("UPDATE ", StringComparison.Ordinal) || text.StartsWith("DELETE FROM ", StringComparison.Ordinal))
            {
                Flush();
                var name = text[(text.IndexOf('`', StringComparison.Ordinal))..];
                var prefix = $"`{schema}`.`";
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    kind = text.Split(' ')[0];
                    table = name[prefix.Length..^1];
                }
            }
            else if (text == "SET")
            {
                current = after = [];
            }
            else if (text == "WHERE")
            {
                current = before = [];
            }
            else if (text.StartsWith("  @", StringComparison.Ordinal) && current is not null)
            {
                current.Add(text[(text.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            }
        }

        Flush();
        return changes;
    }
}
