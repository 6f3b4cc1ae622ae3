using System.Globalization;
using System.Text.RegularExpressions;
using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.MySql;
using ContinuousLoad.Sources.MySql.Metadata;
using ContinuousLoad.Sources.MySql.Snapshot;
using ContinuousLoad.Testing;

namespace ContinuousLoad.IntegrationTests.Sources.MySql;

/// <summary>Consistent snapshots read in primary-key chunks, against the real MariaDB.</summary>
public sealed class SnapshotTests(MariaDbServer mariadb)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory(Timeout = 120_000)]
    [InlineData(SnapshotLocking.SnapshotStatus)]
    [InlineData(SnapshotLocking.GlobalReadLock)]
    public async Task The_snapshot_is_the_table_as_of_its_binlog_position_while_a_writer_changes_it(SnapshotLocking locking)
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        await database.Admin.ExecuteAsync("CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL, tag VARCHAR(10) NOT NULL)", Token);
        await database.Admin.ExecuteAsync("CREATE TABLE writes (n INT PRIMARY KEY)", Token);
        await database.Admin.ExecuteAsync("INSERT INTO t SELECT seq, 0, 'init' FROM seq_1_to_2000", Token);
        var table = await TableMetadataReader.ReadTableAsync(database.Admin, database.Name, "t", Token);
        var writesTable = await TableMetadataReader.ReadTableAsync(database.Admin, database.Name, "writes", Token);

        await using var writer = new ConcurrentWriter(await mariadb.Admin.OpenAsync(Token, database.Name));
        await writer.WaitForAsync(20, Token);

        var rows = new List<(int Id, int V, string Tag)>();
        int visibleWrites;
        string? gtid;
        BinlogPosition position;
        await using (var snapshot = await ConsistentSnapshot.BeginAsync(mariadb.Replication.Options(), locking, Token))
        {
            (position, gtid) = (snapshot.Position, snapshot.GtidPosition);
            var range = KeyRange.All;
            while (true)
            {
                await writer.WaitForAsync(writer.Count + 3, Token); // the table keeps changing between chunks
                await using var chunk = await snapshot.ReadChunkAsync(table, range, 300, Token);
                while (await chunk.ReadAsync(Token))
                {
                    rows.Add(((int)(long)chunk.GetValue(0)!, (int)(long)chunk.GetValue(1)!, (string)chunk.GetValue(2)!));
                }

                if (chunk.IsLastChunk)
                {
                    break;
                }

                range = chunk.NextRange;
            }

            await using var writes = await snapshot.ReadChunkAsync(writesTable, KeyRange.All, 1_000_000, Token);
            visibleWrites = 0;
            while (await writes.ReadAsync(Token))
            {
                visibleWrites++;
            }
        }

        var written = await writer.StopAsync();
        Assert.True(written.Count > visibleWrites, "the writer went on after the snapshot began");
        Assert.Equal(ConcurrentWriter.Expected(visibleWrites), rows);
        Assert.Matches(@"^mysql-bin\.\d{6}$", position.FileName);
        // The position's meaning: every writer transaction up to the last visible one is before it, the next one after it —
        // read from the binlog itself: the first transaction after the position comes after write N and no later than write N + 1.
        var firstAfter = await FirstGtidSequenceAfterAsync(database.Admin, position);
        Assert.True(SequenceOf(written[visibleWrites - 1]) < firstAfter, $"write {visibleWrites} ({written[visibleWrites - 1]}) is before {position}");
        Assert.True(SequenceOf(written[visibleWrites]) >= firstAfter, $"write {visibleWrites + 1} ({written[visibleWrites]}) is after {position}");
        if (gtid is not null)
        {
            Assert.True(SequenceOf(gtid) == firstAfter - 1, $"GTID state {gtid} names the last transaction before {position}");
        }
    }

    private static async Task<long> FirstGtidSequenceAfterAsync(MySqlSession session, BinlogPosition position)
    {
        var events = await session.QueryRowsAsync(
            $"SHOW BINLOG EVENTS IN '{position.FileName}' FROM {position.Position} LIMIT 100", Token);
        var info = (string)events.First(e => (string)e[2]! == "Gtid")[5]!;
        return long.Parse(Regex.Match(info, @"GTID \d+-\d+-(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact(Timeout = 60_000)]
    public async Task Chunks_follow_a_composite_key_and_resume_from_their_ranges()
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        await database.Admin.ExecuteAsync("CREATE TABLE c (a INT NOT NULL, b VARCHAR(10) NOT NULL, v INT, PRIMARY KEY (a, b))", Token);
        await database.Admin.ExecuteAsync("INSERT INTO c SELECT s.seq DIV 5, CONCAT('k', s.seq MOD 5), s.seq FROM seq_0_to_249 s", Token);
        var table = await TableMetadataReader.ReadTableAsync(database.Admin, database.Name, "c", Token);
        await using var snapshot = await ConsistentSnapshot.BeginAsync(mariadb.Replication.Options(), SnapshotLocking.Auto, Token);

        var chunks = new List<(KeyRange Range, IReadOnlyList<object?>? Last, List<long> Values)>();
        var range = KeyRange.All;
        while (true)
        {
            await using var chunk = await snapshot.ReadChunkAsync(table, range, 40, Token);
            var values = new List<long>();
            while (await chunk.ReadAsync(Token))
            {
                values.Add((long)chunk.GetValue(2)!);
            }

            chunks.Add((range, chunk.LastKey, values));
            if (chunk.IsLastChunk)
            {
                break;
            }

            range = chunk.NextRange;
        }

        Assert.Equal(Enumerable.Range(0, 250).Select(i => (long)i), chunks.SelectMany(c => c.Values));
        Assert.Equal(7, chunks.Count);
        Assert.Equal([7L, "k4"], chunks[0].Last);
        var third = chunks[2];
        await using (var again = await snapshot.ReadChunkAsync(table, third.Range with { Through = third.Last }, 1000, Token))
        {
            var values = new List<long>();
            while (await again.ReadAsync(Token))
            {
                values.Add((long)again.GetValue(2)!);
            }

            Assert.Equal(third.Values, values);
        }

        await using var rest = await snapshot.ReadChunkAsync(table, KeyRange.StartingAfter(third.Last), 1000, Token);
        var remaining = 0;
        while (await rest.ReadAsync(Token))
        {
            remaining++;
        }

        Assert.Equal(250 - 120, remaining);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_table_without_a_primary_key_is_reported_not_guessed()
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        await database.Admin.ExecuteAsync("CREATE TABLE heap (x INT, y INT)", Token);
        var table = await TableMetadataReader.ReadTableAsync(database.Admin, database.Name, "heap", Token);
        await using var snapshot = await ConsistentSnapshot.BeginAsync(mariadb.Replication.Options(), SnapshotLocking.Auto, Token);

        var error = await Assert.ThrowsAsync<MySqlSourceException>(() => snapshot.ReadChunkAsync(table, KeyRange.All, 100, Token));

        Assert.Contains("has no primary key", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Missing_privileges_say_which_grant_is_needed()
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        await database.Admin.ExecuteAsync("CREATE TABLE t (id INT PRIMARY KEY)", Token);
        var table = await TableMetadataReader.ReadTableAsync(database.Admin, database.Name, "t", Token);
        var user = TestNames.ForCurrentTest("u", maxLength: 32);
        await database.Admin.ExecuteAsync($"DROP USER IF EXISTS '{user}'@'127.0.0.1'", Token);
        await database.Admin.ExecuteAsync($"CREATE USER '{user}'@'127.0.0.1' IDENTIFIED BY 'pw'", Token);
        await database.Admin.ExecuteAsync($"GRANT REPLICATION SLAVE ON *.* TO '{user}'@'127.0.0.1'", Token);
        try
        {
            var options = mariadb.Admin.Options() with { User = user, Password = "pw" };
            await using (var snapshot = await ConsistentSnapshot.BeginAsync(options, SnapshotLocking.SnapshotStatus, Token))
            {
                var select = await Assert.ThrowsAsync<MySqlSourceException>(() => snapshot.ReadChunkAsync(table, KeyRange.All, 10, Token));
                Assert.Contains("1142", select.Message, StringComparison.Ordinal);
                Assert.Contains("GRANT SELECT, RELOAD, REPLICATION SLAVE, REPLICATION CLIENT", select.Message, StringComparison.Ordinal);
            }

            var reload = await Assert.ThrowsAsync<MySqlSourceException>(() => ConsistentSnapshot.BeginAsync(options, SnapshotLocking.GlobalReadLock, Token));
            Assert.Contains("1227", reload.Message, StringComparison.Ordinal);
            Assert.Contains("RELOAD", reload.Message, StringComparison.Ordinal);
        }
        finally
        {
            await database.Admin.ExecuteAsync($"DROP USER IF EXISTS '{user}'@'127.0.0.1'", CancellationToken.None);
        }
    }

    private static long SequenceOf(string gtid) => long.Parse(gtid[(gtid.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);
}
