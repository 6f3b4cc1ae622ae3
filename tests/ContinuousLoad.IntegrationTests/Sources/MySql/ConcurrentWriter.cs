using ContinuousLoad.Sources.MySql;

namespace ContinuousLoad.IntegrationTests.Sources.MySql;

/// <summary>
/// Changes table t (ids 1..2000, v 0, tag 'init') one transaction at a time until stopped, recording the
/// GTID of each: write n updates one row, inserts one and deletes one, and logs n in table writes. The
/// state after n writes is therefore known (<see cref="Expected"/>).
/// </summary>
public sealed class ConcurrentWriter : IAsyncDisposable
{
    private readonly MySqlSession _session;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _gtids = [];
    private readonly Task _loop;

    public ConcurrentWriter(MySqlSession session)
    {
        _session = session;
        _loop = Task.Run(RunAsync);
    }

    public int Count
    {
        get
        {
            lock (_gtids)
            {
                return _gtids.Count;
            }
        }
    }

    public async Task WaitForAsync(int writes, CancellationToken cancellationToken)
    {
        while (Count < writes)
        {
            if (_loop.IsCompleted)
            {
                await _loop;
            }

            await Task.Delay(5, cancellationToken);
        }
    }

    /// <summary>Stops after the current write; the GTIDs of all writes in order.</summary>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        lock (_gtids)
        {
            return [.. _gtids];
        }
    }

    public static List<(int Id, int V, string Tag)> Expected(int writes)
    {
        var rows = Enumerable.Range(1, 2000).ToDictionary(id => id, _ => (V: 0, Tag: "init"));
        for (var n = 1; n <= writes; n++)
        {
            var target = n * 7 % 2000 + 1;
            if (rows.TryGetValue(target, out var row))
            {
                rows[target] = (row.V + 1, row.Tag);
            }

            rows[100_000 + n] = (n, "w");
            rows.Remove(n);
        }

        return rows.OrderBy(pair => pair.Key).Select(pair => (pair.Key, pair.Value.V, pair.Value.Tag)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
        await _session.DisposeAsync();
    }

    private async Task RunAsync()
    {
        for (var n = 1; !_stop.IsCancellationRequested; n++)
        {
            await _session.ExecuteAsync("BEGIN", CancellationToken.None);
            await _session.ExecuteAsync($"UPDATE t SET v = v + 1 WHERE id = {n * 7 % 2000 + 1}", CancellationToken.None);
            await _session.ExecuteAsync($"INSERT INTO t VALUES ({100_000 + n}, {n}, 'w')", CancellationToken.None);
            await _session.ExecuteAsync($"DELETE FROM t WHERE id = {n}", CancellationToken.None);
            await _session.ExecuteAsync($"INSERT INTO writes VALUES ({n})", CancellationToken.None);
            await _session.ExecuteAsync("COMMIT", CancellationToken.None);
            var gtid = (string)(await _session.QueryRowsAsync("SELECT @@last_gtid", CancellationToken.None)).Single()[0]!;
            lock (_gtids)
            {
                _gtids.Add(gtid);
            }
        }
    }
}
