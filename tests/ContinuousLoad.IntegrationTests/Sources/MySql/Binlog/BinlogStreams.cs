using System.Globalization;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Binlog;

namespace ContinuousLoad.IntegrationTests.Sources.MySql.Binlog;

/// <summary>Shared steps of the binlog tests: where the binlog ends now, and reading a stream into a list.</summary>
public static class BinlogStreams
{
    public static BinlogStreamOptions Options(MariaDbAccount replication, string schema) =>
        new(replication.Options()) { IncludeTable = (s, _) => s == schema, HeartbeatPeriod = TimeSpan.FromSeconds(1) };

    /// <summary>SHOW MASTER STATUS: the end of the binlog, after every committed transaction.</summary>
    public static async Task<BinlogPosition> EndAsync(MySqlSession admin, CancellationToken cancellationToken)
    {
        var row = (await admin.QueryRowsAsync("SHOW MASTER STATUS", cancellationToken)).Single();
        return new BinlogPosition((string)row[0]!, Convert.ToInt64(row[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Every change from <paramref name="start"/> up to <paramref name="stop"/> (ending there).</summary>
    public static async Task<List<SourceChange<BinlogPoint>>> ReadAsync(BinlogStreamOptions options, BinlogStart start, BinlogPosition stop, CancellationToken cancellationToken)
    {
        var changes = new List<SourceChange<BinlogPoint>>();
        await foreach (var change in new BinlogClient(options with { StopAt = stop }).StreamAsync(start, cancellationToken))
        {
            changes.Add(change);
        }

        return changes;
    }

    /// <summary>The integer primary key (first column) of each row change, tagged with its kind: "I1", "U1", "D1".</summary>
    public static List<string> RowKeys(IEnumerable<SourceChange<BinlogPoint>> changes) => changes.Select(change => change switch
    {
        RowInserted<BinlogPoint> inserted => "I" + inserted.Row[0],
        RowUpdated<BinlogPoint> updated => "U" + updated.After[0],
        RowDeleted<BinlogPoint> deleted => "D" + deleted.Before[0],
        _ => null,
    }).OfType<string>().ToList();
}
