using System.Net;
using System.Net.Sockets;
using System.Text;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.MySql.Wire.Authentication;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Authentication;
using ContinuousLoad.Sources.MySql.Binlog;
using ContinuousLoad.Sources.MySql.Protocol;
using static ContinuousLoad.Tests.Sources.MySql.Binlog.BinlogEventBytes;

namespace ContinuousLoad.Tests.Sources.MySql.Binlog;

/// <summary>
/// The whole MySQL 8 path of <see cref="BinlogClient"/> against a scripted server (there is no MySQL
/// server here): server facts, COM_REGISTER_SLAVE, COM_BINLOG_DUMP_GTID with the encoded GTID set, then
/// a MySQL 8 binlog — FORMAT_DESCRIPTION with CRC32, GTID event 33, TABLE_MAP with column names in its
/// optional metadata, WRITE/UPDATE_ROWS v2 with binary JSON, XID — ending with EOF.
/// </summary>
public sealed class MySql8StreamTests
{
    private const string Uuid = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task A_mysql8_stream_from_a_gtid_set_yields_typed_changes()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        byte[]? dump = null;
        var server = Task.Run(async () =>
        {
            using var metadataClient = await listener.AcceptTcpClientAsync(Token);
            await using var metadata = new FakeMySqlConnection(metadataClient.GetStream());
            await LogInAsync(metadata);
            await AnswerServerFactsAsync(metadata);
            await ExpectQueryAsync(metadata, "SHOW BINARY LOGS");

            using var replicationClient = await listener.AcceptTcpClientAsync(Token);
            await using var replication = new FakeMySqlConnection(replicationClient.GetStream());
            await LogInAsync(replication);
            await ExpectQueryAsync(replication, "SET @master_binlog_checksum = @@global.binlog_checksum");
            await ExpectQueryAsync(replication, "SET @master_heartbeat_period = 5000000000");
            var (_, register) = await replication.ReadPacketAsync();
            Assert.Equal((byte)CommandKind.RegisterSlave, register[0]);
            await replication.WritePacketAsync(1, ServerPackets.Ok());
            (_, dump) = await replication.ReadPacketAsync();
            byte sequence = 1;
            foreach (var binlogEvent in Binlog())
            {
                await replication.WritePacketAsync(sequence++, [0x00, .. binlogEvent]);
            }

            await replication.WritePacketAsync(sequence, 0xFE, 0, 0, 2, 0);
            await metadata.ReadPacketAsync(); // COM_QUIT when the client is done
        }, Token);

        var options = new BinlogStreamOptions(new MySqlConnectionOptions("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, "repl", "secret")
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ReadTimeout = TimeSpan.FromSeconds(5),
        })
        { ServerId = 77, NonBlocking = true };
        var client = new BinlogClient(options);
        var changes = new List<SourceChange<BinlogPoint>>();
        await foreach (var change in client.StreamAsync(BinlogStart.AfterGtids(Uuid + ":1-5"), Token))
        {
            changes.Add(change);
        }

        await server;
        Assert.Equal(BinlogDumpGtidCommand.Create(Uuid + ":1-5", 77, nonBlocking: true), dump);
        Assert.Equal([typeof(TransactionBegin<BinlogPoint>), typeof(RowInserted<BinlogPoint>), typeof(RowUpdated<BinlogPoint>), typeof(TransactionCommit<BinlogPoint>)],
            changes.Select(c => c.GetType()));
        Assert.All(changes, change => Assert.Equal(Uuid + ":6", change.Position.Gtid));
        var inserted = (RowInserted<BinlogPoint>)changes[1];
        Assert.Equal(("shop", "items", "doc"), (inserted.Table.Schema, inserted.Table.Name, inserted.Table.ColumnNames[2]));
        Assert.Equal([4_000_000_000L, "ünï", "{\"a\": [1, true]}"], inserted.Row.Values);
        var updated = (RowUpdated<BinlogPoint>)changes[2];
        Assert.Equal("ünï", updated.Before![1]);
        Assert.Equal("new", updated.After[1]);
        Assert.Equal(new BinlogPosition("binlog.000042", 900), changes[3].Position.End);
        Assert.Equal(new BinlogPosition("binlog.000042", 900), client.ResumeFrom!.Position);
    }

    private static async Task LogInAsync(FakeMySqlConnection connection)
    {
        await connection.WritePacketAsync(0, ServerPackets.Greeting(NativePassword.PluginName));
        await connection.ReadPacketAsync();
        await connection.WritePacketAsync(2, ServerPackets.Ok());
        await FakeServerSessionTests.AcceptSetupAsync(connection);
    }

    private static async Task ExpectQueryAsync(FakeMySqlConnection connection, string sql)
    {
        var (_, payload) = await connection.ReadPacketAsync();
        Assert.Equal(sql, Encoding.UTF8.GetString(payload, 1, payload.Length - 1));
        await connection.WritePacketAsync(1, ServerPackets.Ok());
    }

    private static async Task AnswerServerFactsAsync(FakeMySqlConnection connection)
    {
        var (_, payload) = await connection.ReadPacketAsync();
        Assert.StartsWith("SELECT @@server_id", Encoding.UTF8.GetString(payload, 1, payload.Length - 1), StringComparison.Ordinal);
        byte sequence = 1;
        await connection.WritePacketAsync(sequence++, 8);
        foreach (var (name, type) in new[] { ("id", (byte)8), ("log_bin", (byte)8), ("f", (byte)253), ("i", (byte)253), ("c", (byte)253), ("a", (byte)253), ("b", (byte)253), ("g", (byte)253) })
        {
            await connection.WritePacketAsync(sequence++, ServerPackets.Column(name, type));
        }

        await connection.WritePacketAsync(sequence++, ServerPackets.Row("1", "1", "ROW", "FULL", "CRC32", null, null, Uuid + ":1-6"));
        await connection.WritePacketAsync(sequence, 0xFE, 0, 0, 2, 0, 0, 0);
    }

    // A MySQL 8.0 binlog as a dump sends it: artificial ROTATE, FORMAT_DESCRIPTION, PREVIOUS_GTIDS, then one transaction.
    private static IEnumerable<byte[]> Binlog()
    {
        var json = BinaryJsonBuilder.Document(BinaryJsonBuilder.Object(("a", BinaryJsonBuilder.Array(BinaryJsonBuilder.Int16(1), new BinaryJsonBuilder.Literal(1)))));
        var optional = Concat([1, 1, 0x80], [4, 12, 2, (byte)'i', (byte)'d', 4, (byte)'n', (byte)'a', (byte)'m', (byte)'e', 3, (byte)'d', (byte)'o', (byte)'c']);
        var name = Encoding.UTF8.GetBytes("ünï");
        yield return Event(BinlogEventType.Rotate, Concat(LittleEndian(4, 8), Encoding.ASCII.GetBytes("binlog.000042")), timestamp: 0, nextPosition: 0);
        yield return MySql8FormatDescription();
        yield return Event(BinlogEventType.PreviousGtids, LittleEndian(0, 8), nextPosition: 200);
        yield return Event(BinlogEventType.MySqlGtid, Concat([1], Convert.FromHexString(Uuid.Replace("-", "", StringComparison.Ordinal)), LittleEndian(6, 8), [2], LittleEndian(5, 8), LittleEndian(6, 8)), nextPosition: 300);
        yield return Event(BinlogEventType.Query, Concat(LittleEndian(9, 4), LittleEndian(0, 4), [4], LittleEndian(0, 2), LittleEndian(0, 2), Encoding.ASCII.GetBytes("shop\0BEGIN")), nextPosition: 400);
        yield return Event(BinlogEventType.TableMap, TableMapBody(88, "shop", "items", [3, 15, 245], [80, 0, 4], optional), nextPosition: 500);
        yield return Event(BinlogEventType.WriteRowsV2, Concat(LittleEndian(88, 6), [1, 0], LittleEndian(2, 2), [3], [0x07],
            [0x00], LittleEndian(4_000_000_000, 4), [(byte)name.Length], name, LittleEndian((ulong)json.Length, 4), json), nextPosition: 600);
        yield return Event(BinlogEventType.TableMap, TableMapBody(88, "shop", "items", [3, 15, 245], [80, 0, 4], optional), nextPosition: 700);
        yield return Event(BinlogEventType.UpdateRowsV2, Concat(LittleEndian(88, 6), [1, 0], LittleEndian(2, 2), [3], [0x03], [0x03],
            [0x00], LittleEndian(4_000_000_000, 4), [(byte)name.Length], name,
            [0x00], LittleEndian(4_000_000_000, 4), [3], Encoding.ASCII.GetBytes("new")), nextPosition: 800);
        yield return Event(BinlogEventType.Xid, LittleEndian(12, 8), nextPosition: 900);
    }
}
