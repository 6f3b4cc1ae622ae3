using System.Globalization;
using Npgsql.Replication;
using Npgsql.Replication.Internal;
using Npgsql.Replication.PgOutput;

namespace ContinuousLoad.Bench;

/// <summary>Npgsql's replication loop alone (bytes read, nothing decoded): the floor under pg-stream.</summary>
internal static class PostgresRawStream
{
    public static async Task<int> RunAsync(string connectionString, string slot, string publication, string endLsn)
    {
        var end = ContinuousLoad.Sources.Postgres.Lsn.Parse(endLsn).Value;
        // The same connection settings as our stream's, read buffer included: the floor under it.
        await using var connection = new LogicalReplicationConnection(ContinuousLoad.Sources.Postgres.SessionSettings.ApplyToReplication(connectionString));
        await connection.Open();
        var buffer = new byte[1 << 20];
        long messages = 0;
        await foreach (var message in connection.StartLogicalReplication(new PgOutputReplicationSlot(slot), CancellationToken.None, null,
            [new("proto_version", "1"), new("publication_names", "\"" + publication + "\"")]))
        {
            var length = (int)message.Data.Length;
            await message.Data.ReadExactlyAsync(buffer.AsMemory(0, length));
            messages++;
            if (buffer[0] == 'C' && (ulong)message.WalEnd >= end)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"messages {messages}"));
                return 0;
            }
        }

        return 1;
    }

    /// <summary>Npgsql's raw binary COPY alone (bytes read, nothing decoded): the floor under pg-snapshot.</summary>
    public static async Task<int> CopyAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var stream = await connection.BeginRawBinaryCopyAsync(sql);
        var buffer = new byte[1 << 18];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(), CancellationToken.None)) > 0)
        {
            total += read;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bytes {total}"));
        return 0;
    }
}
