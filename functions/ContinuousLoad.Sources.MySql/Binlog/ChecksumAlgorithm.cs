namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>The <c>binlog_checksum</c> algorithm announced by FORMAT_DESCRIPTION (MySQL 5.6.1+, MariaDB 5.3+).</summary>
public enum ChecksumAlgorithm : byte
{
    Off = 0,
    Crc32 = 1,
}
