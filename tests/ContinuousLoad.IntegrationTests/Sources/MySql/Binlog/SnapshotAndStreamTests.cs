using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Binlog;
using ContinuousLoad.Sources.MySql.Metadata;
using ContinuousLoad.Sources.MySql.Snapshot;

namespace ContinuousLoad.IntegrationTests.Sources.MySql.Binlog;

/// <summary>A consistent snapshot plus the change stream from its binlog position is exactly the source table.</summary>
public sealed class SnapshotAndStreamTests(MariaDbServer mariadb)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task Snapshot_then_stream_from_its_position_reproduces_the_table_while_a_writer_writes()
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        await database.Admin.ExecuteAsync("CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL, tag VARCHAR(10) NOT NULL)", Token);
        await database.Admin.ExecuteAsync("CREATE TABLE writes (n INT PRIMARY KEY)", Token);
        await database.Admin.ExecuteAsync("INSERT INTO t SELECT seq, 0, 'init' FROM seq_1_to_2000", Token);
        var table = await TableMetadataReader.ReadTableAsync(database.Admin, database.Name, "t", Token);
        await using var writer = new ConcurrentWriter(await mariadb.Admin.OpenAsync(Token, database.Name));
        await writer.WaitForAsync(10, Token);

        var copy = new SortedDictionary<long, (long V, string Tag)>();
        BinlogPosition position;
        await using (var snapshot = await ConsistentSnapshot.BeginAsync(mariadb.Replication.Options(), SnapshotLocking.Auto, Token))
        {
            position = snapshot.Position;
            var range = KeyRange.All;
            while (true)
            {
                await using var chunk = await snapshot.ReadChunkAsync(table, range, 500, Token);
                while (await chunk.ReadAsync(Token))
                {
                    copy[(long)chunk.GetValue(0)!] = ((long)chunk.GetValue(1)!, (string)chunk.GetValue(2)!);
                }

                if (chunk.IsLastChunk)
                {
                    break;
                }

                range = chunk.NextRange;
            }
        }

        await writer.WaitForAsync(writer.Count + 30, Token);
        var written = await writer.StopAsync();
        var stop = await BinlogStreams.EndAsync(database.Admin, Token);
        var options = BinlogStreams.Options(mariadb.Replication, database.Name) with { IncludeTable = (s, t) => s == database.Name && t == "t" };
        foreach (var change in await BinlogStreams.ReadAsync(options, BinlogStart.At(position), stop, Token))
        {
            switch (change)
            {
                case RowInserted<BinlogPoint> inserted:
                    Assert.True(copy.TryAdd((long)inserted.Row[0]!, ((long)inserted.Row[1]!, (string)inserted.Row[2]!)), $"insert of {inserted.Row[0]} found it present");
                    break;
                case RowUpdated<BinlogPoint> updated:
                    Assert.Equal(copy[(long)updated.Before![0]!], ((long)updated.Before![1]!, (string)updated.Before![2]!));
                    copy.Remove((long)updated.Before![0]!);
                    copy[(long)updated.After[0]!] = ((long)updated.After[1]!, (string)updated.After[2]!);
                    break;
                case RowDeleted<BinlogPoint> deleted:
                    Assert.True(copy.Remove((long)deleted.Before[0]!), $"delete of {deleted.Before[0]} found it absent");
                    break;
            }
        }

        var source = (await database.Admin.QueryRowsAsync("SELECT id, v, tag FROM t ORDER BY id", Token))
            .Select(row => ((int)(long)row[0]!, (int)(long)row[1]!, (string)row[2]!)).ToList();
        Assert.Equal(ConcurrentWriter.Expected(written.Count), source);
        Assert.Equal(source, copy.Select(pair => ((int)pair.Key, (int)pair.Value.V, pair.Value.Tag)).ToList());
    }
}
