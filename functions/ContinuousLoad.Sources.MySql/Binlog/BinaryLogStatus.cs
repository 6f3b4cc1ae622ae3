using System.Globalization;

namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>Where the server's binary log stands: its end now (SHOW MASTER STATUS), and its oldest position still kept (SHOW BINARY LOGS).</summary>
public static class BinaryLogStatus
{
    /// <summary>The end of the binary log now, with the status row (MySQL's holds the GTID set executed in its fifth field).</summary>
    public static async Task<(BinlogPosition Position, object?[] Row)> CurrentAsync(MySqlSession session, CancellationToken cancellationToken)
    {
        var statusCommand = session.Flavor == MySqlServerFlavor.MySql && session.Version >= new Version(8, 4) ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS";
        List<object?[]> rows;
        try
        {
            rows = await session.QueryRowsAsync(statusCommand, cancellationToken);
        }
        catch (MySqlServerException e) when (Privileges.IsDenied(e))
        {
            throw Privileges.Explain(e, "read the binlog position (REPLICATION CLIENT)", session.Options.User);
        }

        var row = rows.SingleOrDefault() ?? throw new MySqlSourceException($"{statusCommand} returned nothing: the binary log is off. Start the server with --log-bin.");
        return (new BinlogPosition((string)row[0]!, Convert.ToInt64(row[1], CultureInfo.InvariantCulture)), row);
    }

    /// <summary>The first event of the oldest binary log file the server still has.</summary>
    public static async Task<BinlogPosition> EarliestAsync(MySqlSession session, CancellationToken cancellationToken)
    {
        List<object?[]> rows;
        try
        {
            rows = await session.QueryRowsAsync("SHOW BINARY LOGS", cancellationToken);
        }
        catch (MySqlServerException e) when (Privileges.IsDenied(e))
        {
            throw Privileges.Explain(e, "list the binary logs (REPLICATION CLIENT)", session.Options.User);
        }

        var first = rows.FirstOrDefault() ?? throw new MySqlSourceException("SHOW BINARY LOGS returned nothing: the binary log is off. Start the server with --log-bin.");
        return new BinlogPosition((string)first[0]!, 4);
    }
}
