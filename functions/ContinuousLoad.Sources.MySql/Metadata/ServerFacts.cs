using System.Globalization;

namespace ContinuousLoad.Sources.MySql.Metadata;

/// <summary>
/// What a change-data source must know about the server: flavor and version, whether the binlog is
/// on and in which format, row image and checksum, and its GTID state — MariaDB's gtid_current_pos and
/// gtid_binlog_pos (domain-server-sequence lists), MySQL's gtid_executed (uuid:interval sets; GtidExecuted
/// is null on MariaDB and the MariaDB pair null on MySQL).
/// </summary>
public sealed record ServerFacts(
    MySqlServerFlavor Flavor,
    Version Version,
    string VersionText,
    long ServerId,
    bool LogBin,
    string BinlogFormat,
    string BinlogRowImage,
    string BinlogChecksum,
    string? GtidCurrentPosition,
    string? GtidBinlogPosition,
    string? GtidExecuted)
{
    public static async Task<ServerFacts> ReadAsync(MySqlSession session, CancellationToken cancellationToken)
    {
        var mariaDb = session.Flavor == MySqlServerFlavor.MariaDb;
        var gtid = mariaDb ? "@@gtid_current_pos, @@gtid_binlog_pos, NULL" : "NULL, NULL, @@gtid_executed";
        var row = (await session.QueryRowsAsync(
            $"SELECT @@server_id, @@log_bin, @@binlog_format, @@binlog_row_image, @@binlog_checksum, {gtid}", cancellationToken)).Single();
        return new ServerFacts(
            session.Flavor,
            session.Version,
            session.ServerVersion,
            Convert.ToInt64(row[0], CultureInfo.InvariantCulture),
            Convert.ToInt64(row[1], CultureInfo.InvariantCulture) != 0,
            (string)row[2]!,
            (string)row[3]!,
            (string)row[4]!,
            row[5] as string,
            row[6] as string,
            row[7] as string);
    }

    /// <summary>
    /// Throws <see cref="MySqlSourceException"/> unless the binlog is on, in ROW format with FULL row
    /// images — the only setting in which row events carry every column of every change.
    /// </summary>
    public void EnsureReadyForChangeCapture()
    {
        if (!LogBin)
        {
            throw new MySqlSourceException("The server's binary log is off (log_bin = 0); start it with --log-bin and --binlog-format=ROW to capture changes.");
        }

        if (!string.Equals(BinlogFormat, "ROW", StringComparison.OrdinalIgnoreCase))
        {
            throw new MySqlSourceException(
                $"binlog_format is {BinlogFormat}, but change capture needs ROW: run SET GLOBAL binlog_format = 'ROW' (and reconnect writing clients) or start the server with --binlog-format=ROW.");
        }

        if (!string.Equals(BinlogRowImage, "FULL", StringComparison.OrdinalIgnoreCase))
        {
            throw new MySqlSourceException(
                $"binlog_row_image is {BinlogRowImage}, but change capture needs FULL (before and after images with every column): run SET GLOBAL binlog_row_image = 'FULL' or start the server with --binlog-row-image=FULL.");
        }
    }
}
