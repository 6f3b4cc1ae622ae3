using ContinuousLoad.Sources.MySql.Binlog;

namespace ContinuousLoad.Tests.Sources.MySql.Binlog;

/// <summary>The replication commands, byte for byte as the protocol documentation lays them out.</summary>
public sealed class ReplicationCommandTests
{
    [Fact]
    public void Binlog_dump_is_position_flags_server_id_and_file_name()
    {
        var command = BinlogDumpCommand.Create("mysql-bin.000003", 1234, 77, nonBlocking: true);

        Assert.Equal("12" + "D2040000" + "0100" + "4D000000" + Convert.ToHexString("mysql-bin.000003"u8), Convert.ToHexString(command));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinlogDumpCommand.Create("f", 1L << 32, 1, false));
    }

    [Fact]
    public void MySql_binlog_dump_gtid_carries_the_encoded_gtid_set()
    {
        var command = BinlogDumpGtidCommand.Create("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7", 9, nonBlocking: false);

        var set = "0100000000000000" + "3E11FA4771CA11E19E33C80AA9429562" + "0200000000000000"
            + "0100000000000000" + "0600000000000000" + "0700000000000000" + "0800000000000000";
        Assert.Equal("1E" + "0400" + "09000000" + "00000000" + "0400000000000000" + "40000000" + set, Convert.ToHexString(command));
    }

    [Fact]
    public void Gtid_sets_with_several_sources_encode_each_and_bad_ones_are_refused()
    {
        var encoded = MySqlGtidSet.Encode("3e11fa47-71ca-11e1-9e33-c80aa9429562:1, 4f22fa47-71ca-11e1-9e33-c80aa9429562:3-4");

        Assert.Equal(8 + (2 * (16 + 8 + 16)), encoded.Length);
        Assert.Equal(2UL, BitConverter.ToUInt64(encoded, 0));
        Assert.Throws<FormatException>(() => MySqlGtidSet.Encode("not-a-uuid:1"));
        Assert.Throws<FormatException>(() => MySqlGtidSet.Encode("3e11fa47-71ca-11e1-9e33-c80aa9429562:5-2"));
    }

    [Fact]
    public void Register_replica_is_server_id_empty_credentials_port_rank_and_source_id()
    {
        Assert.Equal("15" + "2A000000" + "00" + "00" + "00" + "0000" + "00000000" + "00000000", Convert.ToHexString(RegisterReplicaCommand.Create(42)));
    }
}
