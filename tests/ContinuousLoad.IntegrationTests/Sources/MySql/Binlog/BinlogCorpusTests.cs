using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.Changes;
using ContinuousLoad.Sources.MySql.Binlog;

namespace ContinuousLoad.IntegrationTests.Sources.MySql.Binlog;

/// <summary>The decoded change stream against mariadb-binlog's own decoding of the same binlog range.</summary>
public sealed class BinlogCorpusTests(MariaDbServer mariadb)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task Every_column_type_decodes_as_mariadb_binlog_prints_it()
    {
        await using var database = await TestDatabase.CreateAsync(mariadb, Token);
        await database.Admin.ExecuteAsync(BinlogCorpus.CreateTable("corpus"), Token);
        var start = await BinlogStreams.EndAsync(database.Admin, Token);
        foreach (var statement in BinlogCorpus.Changes("corpus"))
        {
            await database.Admin.ExecuteAsync(statement, Token);
        }

        var stop = await BinlogStreams.EndAsync(database.Admin, Token);

        var ours = (await BinlogStreams.ReadAsync(BinlogStreams.Options(mariadb.Replication, database.Name), BinlogStart.At(start), stop, Token))
            .Where(change => change is RowInserted<BinlogPoint> or RowUpdated<BinlogPoint> or RowDeleted<BinlogPoint>).ToList();
        var reference = await MariaDbBinlogTool.ReadAsync(mariadb.Replication, start, stop, database.Name, Token);

        Assert.Equal(reference.Count, ours.Count);
        Assert.Equal(2 + 1 + 50 + 1 + 1 + 10 + 1 + 10, ours.Count);
        var differences = new List<string>();
        for (var i = 0; i < ours.Count; i++)
        {
            var (kind, before, after) = ours[i] switch
            {
                RowInserted<BinlogPoint> inserted => ("INSERT", null, inserted.Row),
                RowUpdated<BinlogPoint> updated => ("UPDATE", updated.Before, updated.After),
                RowDeleted<BinlogPoint> deleted => ("DELETE", deleted.Before, (RowValues?)null),
                _ => throw new InvalidOperationException(),
            };
            Assert.Equal(reference[i].Kind, kind);
            Assert.Equal("corpus", reference[i].Table);
            Compare(before, reference[i].Before, i, differences);
            Compare(after, reference[i].After, i, differences);
        }

        Assert.Empty(differences);
    }

    private static void Compare(RowValues? ours, IReadOnlyList<string>? printed, int change, List<string> differences)
    {
        Assert.Equal(ours is null, printed is null);
        if (ours is null || printed is null)
        {
            return;
        }

        Assert.True(ours.IsFull);
        Assert.Equal(BinlogCorpus.Columns.Length, ours.Count);
        Assert.Equal(ours.Count, printed.Count);
        for (var column = 0; column < ours.Count; column++)
        {
            if (ReferenceValues.Difference(ours[column], printed[column], BinlogCorpus.Columns[column]) is { } difference)
            {
                differences.Add($"change {change}, {difference}");
            }
        }
    }
}
